package io.smollama.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReadingTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:15:30.123Z");

    @Test
    void aNumericReadingKeepsItsValueAndUnit() {
        Reading r = Reading.numeric("pi-1", "system", "cpu_temp", 48.5, "°C", AT, Map.of());

        assertThat(r.value()).isEqualTo(48.5);
        assertThat(r.text()).isNull();
        assertThat(r.unit()).isEqualTo("°C");
        assertThat(r.isNumeric()).isTrue();
        assertThat(r.timestamp()).isEqualTo(AT);
    }

    @Test
    void aTextReadingKeepsItsTextAndHasNoValue() {
        Reading r = Reading.text("pi-1", "camera", "door", "open", AT, Map.of());

        assertThat(r.text()).isEqualTo("open");
        assertThat(r.value()).isNull();
        assertThat(r.isNumeric()).isFalse();
    }

    @Test
    void aReadingWithBothValueAndTextIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Reading("pi-1", "system", "cpu_temp", 1.0, "one", null, AT, Map.of()))
                .withMessageContaining("system:cpu_temp")
                .withMessageContaining("exactly one of value and text");
    }

    @Test
    void aReadingWithNeitherValueNorTextIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Reading("pi-1", "system", "cpu_temp", null, null, null, AT, Map.of()))
                .withMessageContaining("exactly one of value and text");
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void aValueThatIsNotFiniteIsRejected(double value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Reading.numeric("pi-1", "system", "cpu_temp", value, null, AT, Map.of()))
                .withMessageContaining("system:cpu_temp")
                .withMessageContaining("not finite");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "System", "has space", "-leading", "_leading", "a:b", "a/b"})
    void aBadSourceTypeIsRejectedWithAMessageNamingIt(String type) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Reading.numeric("pi-1", type, "cpu_temp", 1.0, null, AT, Map.of()))
                .withMessageContaining("source type '" + type + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "/leading", ".leading", "a:b", "ü"})
    void aBadSourceIdIsRejectedWithAMessageNamingIt(String id) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Reading.numeric("pi-1", "system", id, 1.0, null, AT, Map.of()))
                .withMessageContaining("source id '" + id + "'");
    }

    @Test
    void sourceTypesAreAtMost64AndIdsAtMost128Characters() {
        Reading longest = Reading.numeric("pi-1", "t".repeat(64), "i".repeat(128), 1.0, null, AT, Map.of());
        assertThat(longest.source()).hasSize(64 + 1 + 128);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Reading.checkSourceType("t".repeat(65)))
                .withMessageContaining("source type");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Reading.checkSourceId("i".repeat(129)))
                .withMessageContaining("source id");
    }

    @Test
    void sourceIsTypeColonId() {
        Reading r = Reading.numeric("pi-1", "gpio", "bank0/pin4", 1.0, null, AT, Map.of());

        assertThat(r.source()).isEqualTo("gpio:bank0/pin4");
    }

    @Test
    void splitSourceSplitsAFullIdIntoTypeAndId() {
        assertThat(Reading.splitSource("system:cpu_temp")).containsExactly("system", "cpu_temp");
    }

    @Test
    void splitSourceKeepsSlashesInTheId() {
        assertThat(Reading.splitSource("gpio:bank0/pin4")).containsExactly("gpio", "bank0/pin4");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu_temp", ":cpu_temp", "system:", ":", ""})
    void splitSourceRejectsAnythingNotOfTheFormTypeColonId(String source) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Reading.splitSource(source))
                .withMessage("source '" + source + "' must be of the form type:id");
    }

    @Test
    void splitSourceChecksBothPartsAgainstTheirPatterns() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Reading.splitSource("System:cpu_temp"))
                .withMessageContaining("source type 'System'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Reading.splitSource("system:cpu:temp"))
                .withMessageContaining("source id 'cpu:temp'");
    }

    @Test
    void metadataIsCopiedAndCannotBeChanged() {
        Map<String, String> meta = new HashMap<>(Map.of("core", "0"));
        Reading r = Reading.numeric("pi-1", "system", "cpu_temp", 48.5, "°C", AT, meta);

        meta.put("core", "1");

        assertThat(r.metadata()).containsExactly(Map.entry("core", "0"));
        assertThatThrownBy(() -> r.metadata().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void missingMetadataBecomesEmpty() {
        Reading r = new Reading("pi-1", "system", "cpu_temp", 48.5, null, null, AT, null);

        assertThat(r.metadata()).isEmpty();
    }
}
