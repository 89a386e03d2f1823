package io.smollama.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smollama.node.config.ConfigException;
import io.smollama.node.config.ConfigLoader;
import io.smollama.node.config.ConfigRequest;
import io.smollama.node.config.NodeSchema;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSettingsTest {

    @TempDir
    Path dir;

    private ClusterSettings load(String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("smollama.yaml"), yaml);
        return ClusterSettings.from(ConfigLoader.read(new ConfigRequest(file, dir, dir, Map.of()))
                .validate(NodeSchema.root(Map.of(), Map.of()))
                .settings()
                .section("cluster"));
    }

    @Test
    void defaultsAskEachNodeForTwoSecondsAndReuseAViewForThree() throws Exception {
        ClusterSettings s = load("node: {name: hub-1}\n");

        assertThat(s.nodes()).isEmpty();
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.cache()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.offlineAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.sendToken()).isTrue();
    }

    @Test
    void configuredNodesAreBaseUrlsWithoutTrailingSlashAndWithoutRepeats() throws Exception {
        ClusterSettings s = load("""
                cluster:
                  nodes: ["http://192.168.1.20:8080/", "https://pi-2.local:8443", "http://192.168.1.20:8080"]
                  timeout: 500ms
                """);

        assertThat(s.nodes())
                .containsExactly(URI.create("http://192.168.1.20:8080"), URI.create("https://pi-2.local:8443"));
        assertThat(s.timeout()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aConfiguredNodeThatIsNoBaseUrlIsReportedWithItsKeyAndLine() {
        assertThatThrownBy(() -> load("""
                        cluster:
                          nodes: ["192.168.1.20:8080", "http://pi-2:8080/api", "ftp://pi-3"]
                        """)).isInstanceOf(ConfigException.class).satisfies(e -> {
            var problems = ((ConfigException) e).problems();
            assertThat(problems).hasSize(3);
            assertThat(problems).allSatisfy(p -> {
                assertThat(p.key()).isEqualTo("cluster.nodes");
                assertThat(p.where()).startsWith("smollama.yaml:2");
                assertThat(p.message()).contains("expected a node's base URL");
            });
            assertThat(problems.get(0).message()).contains("'192.168.1.20:8080'");
        });
    }

    @Test
    void aTimeoutBelowAHundredMillisecondsIsRefusedByTheSchema() {
        assertThatThrownBy(() -> load("cluster: {timeout: 10ms}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cluster.timeout");
    }

    @Test
    void baseUrlAcceptsOnlyNodeBaseUrls() {
        assertThat(ClusterSettings.baseUrl(" http://hub:8080/ ")).contains(URI.create("http://hub:8080"));
        assertThat(ClusterSettings.baseUrl("hub:8080")).isEmpty();
        assertThat(ClusterSettings.baseUrl("http://user@hub:8080")).isEmpty();
    }
}
