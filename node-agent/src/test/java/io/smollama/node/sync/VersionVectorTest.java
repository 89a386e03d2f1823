package io.smollama.node.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionVectorTest {

    @Test
    void theQueryFormRoundTripsAndAbsentOriginsAreZero() {
        VersionVector v = VersionVector.parse("beta:7, alpha:12,hub:0");
        assertThat(v.marks()).containsExactly(Map.entry("alpha", 12L), Map.entry("beta", 7L));
        assertThat(v.get("hub")).isZero();
        assertThat(VersionVector.parse(v.format())).isEqualTo(v);
        assertThat(VersionVector.parse("")).isEqualTo(VersionVector.EMPTY);
    }

    @Test
    void aMalformedPartIsNamed() {
        assertThatThrownBy(() -> VersionVector.parse("alpha:1,beta"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'beta'");
        assertThatThrownBy(() -> VersionVector.parse("alpha:x")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> VersionVector.parse("alpha:-1")).hasMessageContaining("negative");
    }

    @Test
    void coversComparesEveryOrigin() {
        assertThat(VersionVector.parse("a:3,b:2").covers(VersionVector.parse("a:3")))
                .isTrue();
        assertThat(VersionVector.parse("a:3").covers(VersionVector.parse("a:3,b:1")))
                .isFalse();
    }
}
