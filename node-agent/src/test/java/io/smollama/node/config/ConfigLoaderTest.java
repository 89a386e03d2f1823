package io.smollama.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path tempDir;

    ConfigFixture fx;

    @BeforeEach
    void setUp() {
        fx = new ConfigFixture(tempDir);
    }

    @Test
    void missingExplicitFileIsAnErrorNotDefaults() {
        fx.writeWork("smollama.yaml", "http: {port: 1}\n");
        Path missing = tempDir.resolve("nowhere/prod.yaml");

        assertThatThrownBy(() -> ConfigLoader.read(fx.request(missing)))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .singleElement()
                        .hasToString(missing + ": the config file given with -c does not exist"));
    }

    @Test
    void explicitDirectoryIsAnError() {
        assertThatThrownBy(() -> ConfigLoader.read(fx.request(fx.work)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(fx.work + ": is a directory, not a config file");
    }

    @Test
    void explicitFileWinsOverTheUsualPlaces() {
        fx.writeWork("smollama.yaml", "http: {port: 1}\n");
        Path prod = ConfigFixture.write(tempDir.resolve("etc/prod.yaml"), "http: {port: 2}\n");

        LoadedConfig config = ConfigLoader.load(fx.request(prod), ConfigFixture.schema());

        assertThat(config.settings().integer("http.port")).isEqualTo(2);
        assertThat(config.files()).containsExactly(prod);
        assertThat(config.settings().origin("http.port")).isEqualTo("prod.yaml:1");
    }

    @Test
    void relativeExplicitFileIsFoundFromTheWorkingDirectory() {
        fx.writeWork("conf/node.yaml", "http: {port: 3}\n");

        LoadedConfig config = ConfigLoader.load(fx.request(Path.of("conf/node.yaml")), ConfigFixture.schema());

        assertThat(config.settings().integer("http.port")).isEqualTo(3);
        assertThat(config.settings().baseDirectory()).contains(fx.work.resolve("conf"));
    }

    @Test
    void workingDirectoryFileWinsOverHomeFile() {
        fx.writeWork("smollama.yaml", "http: {port: 1}\n");
        ConfigFixture.write(fx.home.resolve(".smollama/smollama.yaml"), "http: {port: 2}\n");

        assertThat(fx.load().settings().integer("http.port")).isEqualTo(1);
    }

    @Test
    void homeFileIsUsedWhenTheWorkingDirectoryHasNone() {
        Path homeFile = ConfigFixture.write(fx.home.resolve(".smollama/smollama.yaml"), "http: {port: 2}\n");

        LoadedConfig config = fx.load();

        assertThat(config.settings().integer("http.port")).isEqualTo(2);
        assertThat(config.files()).containsExactly(homeFile);
        assertThat(config.settings().baseDirectory()).contains(fx.home.resolve(".smollama"));
    }

    @Test
    void withoutAnyFileOnlyDefaultsApply() {
        LoadedConfig config = fx.load();

        assertThat(config.files()).isEmpty();
        assertThat(config.settings().baseDirectory()).isEmpty();
        assertThat(config.settings().integer("http.port")).isEqualTo(8080);
        assertThat(config.settings().origin("http.port")).isEqualTo("default");
        assertThat(config.settings().isSet("http.port")).isFalse();
    }

    @Test
    void emptyFileMeansNoSettings() {
        fx.writeWork("smollama.yaml", "# nothing here yet\n");

        LoadedConfig config = fx.load();

        assertThat(config.files()).hasSize(1);
        assertThat(config.settings().integer("http.port")).isEqualTo(8080);
    }

    @Test
    void overlayOverridesOnlyTheKeysItNames() {
        fx.writeWork("smollama.yaml", """
                http:
                  host: 0.0.0.0
                  port: 9000
                plugins:
                  gpio:
                    labels: [a, b, c]
                """);
        fx.writeWork("smollama.local.yaml", """
                http:
                  port: 9100
                plugins:
                  gpio:
                    labels: [z]
                """);

        LoadedConfig config = fx.load();
        Settings settings = config.settings();

        assertThat(settings.string("http.host")).isEqualTo("0.0.0.0");
        assertThat(settings.origin("http.host")).isEqualTo("smollama.yaml:2");
        assertThat(settings.integer("http.port")).isEqualTo(9100);
        assertThat(settings.origin("http.port")).isEqualTo("smollama.local.yaml:2");
        assertThat(settings.strings("plugins.gpio.labels"))
                .as("lists replace, they do not append")
                .containsExactly("z");
        assertThat(config.files())
                .containsExactly(fx.work.resolve("smollama.yaml"), fx.work.resolve("smollama.local.yaml"));
    }

    @Test
    void emptyValueInOverlayLeavesTheMainFileValue() {
        fx.writeWork("smollama.yaml", "http:\n  port: 9000\n");
        fx.writeWork("smollama.local.yaml", "http:\n  # port: 9100\n");

        assertThat(fx.load().settings().integer("http.port")).isEqualTo(9000);
    }

    @Test
    void overlayProblemsNameTheOverlayFileAndLine() {
        fx.writeWork("smollama.yaml", "http:\n  port: 9000\n");
        fx.writeWork("smollama.local.yaml", "\nhttp:\n  port: lots\n");

        assertThatThrownBy(fx::load).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                .singleElement()
                .hasToString("smollama.local.yaml:3 http.port: expected an integer from 0 to 65535, got \"lots\""));
    }

    @Test
    void overlayIsNamedAfterTheMainFile() {
        assertThat(ConfigLoader.overlayFor(Path.of("/etc/smollama.yaml")))
                .isEqualTo(Path.of("/etc/smollama.local.yaml"));
        assertThat(ConfigLoader.overlayFor(Path.of("/etc/node.yml"))).isEqualTo(Path.of("/etc/node.local.yml"));
        assertThat(ConfigLoader.overlayFor(Path.of("/etc/config"))).isEqualTo(Path.of("/etc/config.local.yaml"));
    }

    @Test
    void overlayIsReadBesideAnExplicitFile() {
        Path prod = ConfigFixture.write(tempDir.resolve("etc/prod.yaml"), "http: {port: 2}\n");
        ConfigFixture.write(tempDir.resolve("etc/prod.local.yaml"), "http: {port: 4}\n");

        LoadedConfig config = ConfigLoader.load(fx.request(prod), ConfigFixture.schema());

        assertThat(config.settings().integer("http.port")).isEqualTo(4);
        assertThat(config.settings().origin("http.port")).isEqualTo("prod.local.yaml:1");
    }

    @Test
    void fileThatIsNotUtf8IsAnError() throws Exception {
        Path file = fx.work.resolve("smollama.yaml");
        Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'});

        assertThatThrownBy(() -> ConfigLoader.read(fx.request()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ": is not UTF-8 text");
    }
}
