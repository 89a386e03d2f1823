package io.smollama.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvOverridesTest {

    @TempDir
    Path tempDir;

    ConfigFixture fx;

    @BeforeEach
    void setUp() {
        fx = new ConfigFixture(tempDir);
    }

    @Test
    void envOverrideWinsOverFileAndNamesItselfAsOrigin() {
        fx.writeWork("smollama.yaml", "http:\n  port: 9000\n");
        fx.writeWork("smollama.local.yaml", "http:\n  port: 9100\n");
        fx.env.put("SMOLLAMA_HTTP_PORT", "9200");

        Settings settings = fx.load().settings();

        assertThat(settings.integer("http.port")).isEqualTo(9200);
        assertThat(settings.origin("http.port")).isEqualTo("env SMOLLAMA_HTTP_PORT");
        assertThat(settings.isSet("http.port")).isTrue();
    }

    @Test
    void variableNamesAreDerivedFromTheSchemaIncludingPluginKeys() {
        fx.env.put("SMOLLAMA_HTTP_TOKEN_FILE", "/run/token");
        fx.env.put("SMOLLAMA_PLUGINS_GPIO_ENABLED", "true");
        fx.env.put("SMOLLAMA_STORAGE_FLUSH_INTERVAL", "500ms");

        LoadedConfig config = fx.load();
        Settings settings = config.settings();

        assertThat(settings.string("http.token_file")).isEqualTo("/run/token");
        assertThat(settings.bool("plugins.gpio.enabled")).isTrue();
        assertThat(settings.duration("storage.flush_interval")).isEqualTo(Duration.ofMillis(500));
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void listOfObjectsCanBeGivenInOneVariable() {
        fx.env.put("SMOLLAMA_PLUGINS_GPIO_PINS", "[{pin: 17, mode: input}, {pin: 27, mode: output}]");
        fx.env.put("SMOLLAMA_PLUGINS_GPIO_LABELS", "[kitchen, window]");

        Settings gpio = fx.load().settings().section("plugins.gpio");

        assertThat(gpio.list("pins")).extracting(p -> p.integer("pin")).containsExactly(17L, 27L);
        assertThat(gpio.list("pins")).extracting(p -> p.string("mode")).containsExactly("input", "output");
        assertThat(gpio.list("pins").get(1).origin("pin")).isEqualTo("env SMOLLAMA_PLUGINS_GPIO_PINS");
        assertThat(gpio.strings("labels")).containsExactly("kitchen", "window");
    }

    @Test
    void badEnvValueIsReportedWithTheVariableName() {
        fx.env.put("SMOLLAMA_HTTP_PORT", "eighty");
        fx.env.put("SMOLLAMA_PLUGINS_GPIO_PINS", "[{pin: 99}]");

        assertThatThrownBy(fx::load)
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .map(ConfigProblem::toString)
                                .containsExactly(
                                        "env SMOLLAMA_HTTP_PORT http.port: expected an integer from 0 to 65535, got \"eighty\"",
                                        "env SMOLLAMA_PLUGINS_GPIO_PINS plugins.gpio.pins[0].pin: expected an integer from 0 to 40, got 99"));
    }

    @Test
    void listVariableThatIsNotAListGetsAHintOnHowToWriteOne() {
        fx.env.put("SMOLLAMA_PLUGINS_GPIO_LABELS", "kitchen,window");

        assertThatThrownBy(fx::load)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(
                        "env SMOLLAMA_PLUGINS_GPIO_LABELS plugins.gpio.labels: expected a list of strings,"
                                + " got \"kitchen,window\" (in a variable, write a list as [a, b] or [{key: value}])");
    }

    @Test
    void malformedYamlInAVariableIsReportedWithTheVariableName() {
        fx.env.put("SMOLLAMA_PLUGINS_GPIO_PINS", "[{pin: 17");

        assertThatThrownBy(fx::load).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.where()).isEqualTo("env SMOLLAMA_PLUGINS_GPIO_PINS");
                    assertThat(p.key()).isEqualTo("plugins.gpio.pins");
                    assertThat(p.message()).startsWith("invalid YAML: ");
                }));
    }

    @Test
    void stringVariablesAreTakenLiterallyNotAsYaml() {
        fx.env.put("SMOLLAMA_HTTP_TOKEN", "*not-an-alias: #nor a comment");
        fx.env.put("SMOLLAMA_NODE_NAME", "007");

        Settings settings = fx.load().settings();

        assertThat(settings.optionalString("http.token")).contains("*not-an-alias: #nor a comment");
        assertThat(settings.string("node.name")).isEqualTo("007");
    }

    @Test
    void emptyVariableChangesNothing() {
        fx.writeWork("smollama.yaml", "http:\n  port: 9000\n");
        fx.env.put("SMOLLAMA_HTTP_PORT", "");

        assertThat(fx.load().settings().integer("http.port")).isEqualTo(9000);
    }

    @Test
    void unknownSmollamaVariableIsAWarningNotAnError() {
        fx.env.put("SMOLLAMA_HTTP_PROT", "9000");
        fx.env.put("SMOLLAMA_WHATEVER", "x");
        fx.env.put("PATH", "/usr/bin");

        LoadedConfig config = fx.load();

        assertThat(config.settings().integer("http.port")).isEqualTo(8080);
        assertThat(config.warnings())
                .containsExactly(
                        "env SMOLLAMA_HTTP_PROT is not a setting and was ignored; did you mean SMOLLAMA_HTTP_PORT?",
                        "env SMOLLAMA_WHATEVER is not a setting and was ignored");
    }

    @Test
    void variableForASectionThatIsNotAMappingLeavesTheFileProblemVisible() {
        fx.writeWork("smollama.yaml", "http: 8080\n");
        fx.env.put("SMOLLAMA_HTTP_PORT", "9000");

        assertThatThrownBy(fx::load)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("smollama.yaml:1 http: expected an object, got 8080");
    }

    @Test
    void variableThatTwoKeysShareSetsTheFirstAndSaysSo() {
        ConfigSpec spec = ConfigSpec.builder()
                .object("a", ConfigSpec.builder().string("b_c", "x", "").build(), "")
                .object("a_b", ConfigSpec.builder().string("c", "y", "").build(), "")
                .build();
        fx.env.put("SMOLLAMA_A_B_C", "z");

        LoadedConfig config = ConfigLoader.load(fx.request(), spec);

        assertThat(config.settings().string("a.b_c")).isEqualTo("z");
        assertThat(config.settings().string("a_b.c")).isEqualTo("y");
        assertThat(config.warnings())
                .containsExactly("env SMOLLAMA_A_B_C could mean a.b_c or a_b.c; it sets a.b_c, so set a_b.c in a file");
    }

    @Test
    void variableNameIsTheDottedPathUpperCased() {
        assertThat(EnvOverrides.variableFor("http.token_file")).isEqualTo("SMOLLAMA_HTTP_TOKEN_FILE");
        assertThat(EnvOverrides.variableFor("plugins.gpio.enabled")).isEqualTo("SMOLLAMA_PLUGINS_GPIO_ENABLED");
    }
}
