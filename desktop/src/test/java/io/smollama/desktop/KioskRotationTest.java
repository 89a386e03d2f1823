package io.smollama.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KioskRotationTest {

    @Test
    void stepsThroughTheScreensThenMovesToTheNextNode() {
        KioskRotation r = new KioskRotation(3);
        assertThat(r.next(2)).isEqualTo(new KioskRotation.Step(1, 0));
        assertThat(r.next(2)).isEqualTo(new KioskRotation.Step(2, 0));
        assertThat(r.next(2)).isEqualTo(new KioskRotation.Step(0, 1));
        r.next(2);
        r.next(2);
        assertThat(r.next(2)).isEqualTo(new KioskRotation.Step(0, 0));
    }

    @Test
    void aShrinkingClusterNeverPointsPastTheLastNode() {
        KioskRotation r = new KioskRotation(1);
        r.next(3);
        assertThat(r.next(3).node()).isEqualTo(2);
        assertThat(r.next(1).node()).isZero();
        assertThat(r.next(0).node()).isZero();
    }
}
