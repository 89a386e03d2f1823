package io.smollama.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private final Settings settings = Configs.fromYaml("""
            node:
              role: hub
            http:
              port: 9000
              token: ''
            plugins:
              gpio:
                pins:
                  - pin: 17
                  - pin: 27
                    mode: output
            """, ConfigFixture.schema());

    @Test
    void dottedKeysReachNestedSections() {
        assertThat(settings.integer("http.port")).isEqualTo(9000);
        assertThat(settings.section("http").integer("port")).isEqualTo(9000);
        assertThat(settings.section("plugins").section("gpio").path()).isEqualTo("plugins.gpio");
        assertThat(settings.section("plugins.gpio").bool("enabled")).isFalse();
    }

    @Test
    void originNamesFileAndLineOrDefault() {
        assertThat(settings.origin("http.port")).isEqualTo("test.yaml:4");
        assertThat(settings.origin("http")).isEqualTo("test.yaml:3");
        assertThat(settings.origin("http.host")).isEqualTo("default");
    }

    @Test
    void isSetDistinguishesGivenValuesFromDefaults() {
        assertThat(settings.isSet("node.role")).isTrue();
        assertThat(settings.isSet("node.name")).isFalse();
        assertThat(settings.isSet("log")).isFalse();
    }

    @Test
    void optionalStringIsEmptyWhenUnsetOrEmpty() {
        assertThat(settings.optionalString("node.name")).isEmpty();
        assertThat(settings.optionalString("http.token")).isEmpty();
        assertThat(settings.optionalString("http.host")).contains("127.0.0.1");
    }

    @Test
    void requiredStringWithoutValueOrDefaultSaysHowToReadIt() {
        assertThatThrownBy(() -> settings.string("node.name"))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("node.name is not set and has no default; read it with optionalString");
    }

    @Test
    void listElementsAreSettingsWithTheirOwnOrigins() {
        var pins = settings.list("plugins.gpio.pins");

        assertThat(pins).hasSize(2);
        assertThat(pins.get(0).path()).isEqualTo("plugins.gpio.pins[0]");
        assertThat(pins.get(0).string("mode")).isEqualTo("input");
        assertThat(pins.get(0).origin("mode")).isEqualTo("default");
        assertThat(pins.get(1).string("mode")).isEqualTo("output");
        assertThat(pins.get(1).origin("mode")).isEqualTo("test.yaml:11");
    }

    @Test
    void keyNotInTheSchemaIsAProgrammingError() {
        assertThatThrownBy(() -> settings.integer("http.prot"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'http.prot' is not a config key");
        assertThatThrownBy(() -> settings.string("http.port.value"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'http.port' is not a section");
    }

    @Test
    void getterOfTheWrongTypeIsAProgrammingError() {
        assertThatThrownBy(() -> settings.integer("http.host"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'http.host' is a non-empty string in the schema, not an integer");
    }

    @Test
    void settingsFromYamlHaveNoBaseDirectory() {
        assertThat(settings.baseDirectory()).isEmpty();
    }
}
