package io.smollama.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawConfigTest {

    @TempDir
    Path tempDir;

    ConfigFixture fx;

    @BeforeEach
    void setUp() {
        fx = new ConfigFixture(tempDir);
    }

    @Test
    void peekSeesTheFilesTheOverlayAndTheEnvironment() {
        fx.writeWork("smollama.yaml", "storage:\n  path: /srv/a\nplugins:\n  dir: /srv/p\n");
        fx.writeWork("smollama.local.yaml", "storage:\n  path: /srv/b\n");
        fx.env.put("SMOLLAMA_PLUGINS_DIR", "/opt/plugins");

        RawConfig raw = ConfigLoader.read(fx.request());

        assertThat(raw.peek("storage.path")).contains("/srv/b");
        assertThat(raw.peek("plugins.dir")).contains("/opt/plugins");
        assertThat(raw.peek("http.port")).isEmpty();
        assertThat(raw.peek("storage")).as("a section is not a single value").isEmpty();
    }

    @Test
    void peekPathResolvesLikeNodeConfig() {
        fx.writeWork("smollama.yaml", "plugins:\n  dir: ~/jars\nstorage:\n  path: data\n");

        RawConfig raw = ConfigLoader.read(fx.request());

        assertThat(raw.peekPath("plugins.dir")).contains(fx.home.resolve("jars"));
        assertThat(raw.peekPath("storage.path")).contains(fx.work.resolve("data"));
    }

    @Test
    void peekWorksBeforeThePluginSchemasAreKnown() {
        fx.writeWork("smollama.yaml", "plugins:\n  dir: /opt/p\n  dht22:\n    pin: 4\n");

        RawConfig raw = ConfigLoader.read(fx.request());

        assertThat(raw.peek("plugins.dir")).contains("/opt/p");
        assertThat(raw.peek("plugins.dht22.pin")).contains("4");
        ConfigSpec withDht = NodeSchema.root(
                Map.of(
                        "dht22",
                        ConfigSpec.builder().integer("pin", 4, 0, 40, "").build()),
                Map.of());
        assertThat(raw.validate(withDht).settings().integer("plugins.dht22.pin"))
                .isEqualTo(4);
    }

    @Test
    void readProblemsAreReportedTogetherWithValidationProblems() {
        fx.writeWork("smollama.yaml", "http:\n  port: abc\n");
        fx.writeWork("smollama.local.yaml", "log: [unclosed\n");

        RawConfig raw = ConfigLoader.read(fx.request());

        assertThat(raw.problems()).singleElement().satisfies(p -> assertThat(p.where())
                .startsWith("smollama.local.yaml:"));
        assertThatThrownBy(() -> raw.validate(ConfigFixture.schema()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::where)
                        .containsExactly("smollama.yaml:2", "smollama.local.yaml:2"));
    }

    @Test
    void exceptionMessageListsEveryProblemOneALine() {
        ConfigException e = new ConfigException(java.util.List.of(
                new ConfigProblem("smollama.yaml:2", "http.port", "bad"),
                new ConfigProblem("env SMOLLAMA_LOG_LEVEL", "log.level", "worse")));

        assertThat(e.getMessage())
                .isEqualTo("The configuration has 2 problems:" + System.lineSeparator()
                        + "  smollama.yaml:2 http.port: bad" + System.lineSeparator()
                        + "  env SMOLLAMA_LOG_LEVEL log.level: worse");
    }
}
