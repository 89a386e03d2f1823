package io.smollama.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigTest {

    @TempDir
    Path tempDir;

    ConfigFixture fx;

    @BeforeEach
    void setUp() {
        fx = new ConfigFixture(tempDir);
    }

    private NodeConfig nodeConfig() {
        return NodeConfig.from(fx.load(), "Kitchen_Pi.local");
    }

    @Test
    void defaultsGiveAWorkingNode() {
        NodeConfig config = nodeConfig();

        assertThat(config.name()).isEqualTo("kitchen-pi");
        assertThat(config.role()).isEqualTo(NodeConfig.Role.NODE);
        assertThat(config.http().host()).isEqualTo("127.0.0.1");
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.http().token()).isEmpty();
        assertThat(config.http().openReads()).isTrue();
        assertThat(config.http().maxBodyBytes()).isEqualTo(1_048_576);
        assertThat(config.storage().rawRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(config.storage().minuteRetention()).isEqualTo(Duration.ofDays(90));
        assertThat(config.storage().hourRetention()).isEqualTo(Duration.ofDays(730));
        assertThat(config.storage().batchSize()).isEqualTo(2000);
        assertThat(config.storage().flushInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(config.log()).isEqualTo(new NodeConfig.Log("info", "text"));
    }

    @Test
    void storagePathExpandsTildeToTheInjectedHome() {
        NodeConfig config = nodeConfig();

        assertThat(config.storage().path()).isEqualTo(fx.home.resolve(".smollama/data"));
    }

    @Test
    void tokenFileAndPluginsDirDefaultUnderTheStoragePath() {
        NodeConfig config = nodeConfig();

        assertThat(config.http().tokenFile()).isEqualTo(fx.home.resolve(".smollama/data/api-token"));
        assertThat(config.pluginsDirectory()).isEqualTo(fx.home.resolve(".smollama/data/plugins"));
    }

    @Test
    void relativePathsResolveAgainstTheConfigFileDirectory() {
        Path file = ConfigFixture.write(tempDir.resolve("etc/smollama/node.yaml"), """
                storage:
                  path: data
                http:
                  token_file: ../secrets/token
                plugins:
                  dir: ./jars
                """);

        NodeConfig config = NodeConfig.from(ConfigLoader.load(fx.request(file), ConfigFixture.schema()), "pi");

        Path etc = tempDir.resolve("etc/smollama");
        assertThat(config.storage().path()).isEqualTo(etc.resolve("data"));
        assertThat(config.http().tokenFile()).isEqualTo(tempDir.resolve("etc/secrets/token"));
        assertThat(config.pluginsDirectory()).isEqualTo(etc.resolve("jars"));
    }

    @Test
    void relativePathsResolveAgainstTheWorkingDirectoryWhenThereIsNoFile() {
        fx.env.put("SMOLLAMA_STORAGE_PATH", "var/data");

        assertThat(nodeConfig().storage().path()).isEqualTo(fx.work.resolve("var/data"));
    }

    @Test
    void absolutePathsAreKept() {
        Path absolute = tempDir.resolve("abs").toAbsolutePath();
        fx.env.put("SMOLLAMA_STORAGE_PATH", absolute.toString());

        assertThat(nodeConfig().storage().path()).isEqualTo(absolute);
    }

    @Test
    void roleIsCanonicalWhenGivenAsAnAlias() {
        fx.writeWork("smollama.yaml", "node:\n  role: llama\n");

        assertThat(nodeConfig().role()).isEqualTo(NodeConfig.Role.HUB);
        assertThat(NodeConfig.Role.HUB.word()).isEqualTo("hub");
    }

    @Test
    void configuredNodeNameIsUsedAsWritten() {
        fx.writeWork("smollama.yaml", "node:\n  name: greenhouse-2\n");

        assertThat(nodeConfig().name()).isEqualTo("greenhouse-2");
    }

    @Test
    void nodeNameThatCannotNameANodeIsAProblemWithItsOrigin() {
        fx.writeWork("smollama.yaml", "node:\n  name: Green House/2\n");

        assertThatThrownBy(this::nodeConfig).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.where()).isEqualTo("smollama.yaml:2");
                    assertThat(p.key()).isEqualTo("node.name");
                    assertThat(p.message()).endsWith("got \"Green House/2\"");
                }));
    }

    @Test
    void hostNamesAreSanitisedIntoNodeNames() {
        assertThat(NodeConfig.sanitise("raspberrypi")).isEqualTo("raspberrypi");
        assertThat(NodeConfig.sanitise("Kitchen_Pi.local")).isEqualTo("kitchen-pi");
        assertThat(NodeConfig.sanitise("--Pi  4B--")).isEqualTo("pi-4b");
        assertThat(NodeConfig.sanitise("...")).isEqualTo("smollama-node");
        assertThat(NodeConfig.sanitise("a".repeat(70))).hasSize(63);
    }

    @Test
    void tokenNeverAppearsInToString() {
        fx.env.put("SMOLLAMA_HTTP_TOKEN", "t0ps3cret-long-enough");

        NodeConfig config = nodeConfig();

        assertThat(config.http().token()).contains("t0ps3cret-long-enough");
        assertThat(config.toString()).doesNotContain("t0ps3cret").contains("token=****");
    }

    @Test
    void aBlankTokenMeansGenerateOne() {
        fx.writeWork("smollama.yaml", "http:\n  token: '   '\n");

        assertThat(nodeConfig().http().token()).isEmpty();
    }

    @Test
    void tooShortATokenIsAConfigErrorThatDoesNotShowIt() {
        fx.writeWork("smollama.yaml", "http:\n  token: short\n");

        assertThatThrownBy(this::nodeConfig)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("smollama.yaml:2 http.token: expected at least 16 characters")
                .hasMessageNotContaining("short\"");
    }

    @Test
    void pluginsDirectoryFromRawConfigMatchesTheValidatedOne() {
        fx.writeWork("smollama.yaml", "storage:\n  path: store\n");
        RawConfig raw = ConfigLoader.read(fx.request());

        assertThat(NodeConfig.pluginsDirectory(raw)).isEqualTo(fx.work.resolve("store/plugins"));
        assertThat(NodeConfig.pluginsDirectory(raw))
                .isEqualTo(NodeConfig.from(raw.validate(ConfigFixture.schema()), "pi")
                        .pluginsDirectory());
    }

    @Test
    void pluginsDirectoryWithoutAnyFileIsUnderTheDefaultStoragePath() {
        assertThat(NodeConfig.pluginsDirectory(ConfigLoader.read(fx.request())))
                .isEqualTo(fx.home.resolve(".smollama/data/plugins"));
    }
}
