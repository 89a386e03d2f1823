package io.smollama.desktop.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void delaysDoubleUpToTheMaximumAndStartOverAfterAReset() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertThat(b.next()).hasSeconds(1);
        assertThat(b.next()).hasSeconds(2);
        assertThat(b.next()).hasSeconds(4);
        assertThat(b.next()).hasSeconds(5);
        assertThat(b.next()).hasSeconds(5);
        b.reset();
        assertThat(b.next()).hasSeconds(1);
    }
}
