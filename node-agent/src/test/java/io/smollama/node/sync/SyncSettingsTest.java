package io.smollama.node.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smollama.node.config.ConfigException;
import io.smollama.node.config.ConfigLoader;
import io.smollama.node.config.ConfigRequest;
import io.smollama.node.config.NodeSchema;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncSettingsTest {

    @TempDir
    Path dir;

    private SyncSettings load(String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("smollama.yaml"), yaml);
        return SyncSettings.from(ConfigLoader.read(new ConfigRequest(file, dir, dir, Map.of()))
                .validate(NodeSchema.root(Map.of(), Map.of()))
                .settings()
                .section("sync"));
    }

    @Test
    void aHubUrlGivenWithItsApiPathIsTheHubsBaseUrlForEveryoneThatAsksTheHub() throws Exception {
        assertThat(load("sync: {hub_url: 'http://hub.local:8080/api/'}\n").hubUrl())
                .contains(URI.create("http://hub.local:8080"));
        assertThat(load("sync: {hub_url: 'http://hub.local:8080/'}\n").hubUrl())
                .contains(URI.create("http://hub.local:8080"));
        assertThat(load("sync: {hub_url: ''}\n").hubUrl()).isEmpty();
    }

    @Test
    void aHubUrlWithoutSchemeIsAConfigErrorNamingTheKeyNotAFailureInEveryRound() {
        assertThatThrownBy(() -> load("sync: {hub_url: 'hub.local:8080'}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sync.hub_url")
                .hasMessageContaining("'hub.local:8080'");
        assertThatThrownBy(() -> load("sync: {hub_url: 'http://hub local'}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sync.hub_url");
    }
}
