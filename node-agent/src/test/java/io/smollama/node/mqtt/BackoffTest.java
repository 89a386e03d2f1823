package io.smollama.node.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), new Random(7));

    @Test
    void stepsDoubleFromTheFirstDelayUpToTheCap() {
        assertThat(backoff.step(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.step(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.step(6)).isEqualTo(Duration.ofSeconds(32));
        assertThat(backoff.step(7)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.step(10_000)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void everyDelayLiesInTheUpperHalfOfItsStep() {
        for (int attempt = 1; attempt < 40; attempt++) {
            for (int i = 0; i < 200; i++) {
                long d = backoff.delay(attempt).toMillis();
                long step = backoff.step(attempt).toMillis();
                assertThat(d).isBetween(step / 2, step);
            }
        }
    }

    @Test
    void delaysAreJitteredSoNodesDoNotRetryInLockStep() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            seen.add(backoff.delay(5).toMillis());
        }
        assertThat(seen.size()).isGreaterThan(25);
    }

    @Test
    void theSameSeedGivesTheSameDelays() {
        Backoff a = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), new Random(1));
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), new Random(1));
        for (int i = 1; i < 20; i++) {
            assertThat(a.delay(i)).isEqualTo(b.delay(i));
        }
    }

    @Test
    void aZeroFirstDelayIsRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), new Random()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
