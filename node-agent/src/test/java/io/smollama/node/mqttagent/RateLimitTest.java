package io.smollama.node.mqttagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.node.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void aBurstUpToTheLimitPassesAndTheNextIsRefused() {
        RateLimit limit = new RateLimit(3, clock);

        assertThat(limit.tryTake()).isTrue();
        assertThat(limit.tryTake()).isTrue();
        assertThat(limit.tryTake()).isTrue();
        assertThat(limit.tryTake()).isFalse();
    }

    @Test
    void tokensComeBackEvenlyOverAMinute() {
        RateLimit limit = new RateLimit(6, clock);
        for (int i = 0; i < 6; i++) {
            limit.tryTake();
        }
        clock.advance(Duration.ofSeconds(9));
        assertThat(limit.tryTake()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(limit.tryTake()).isTrue();
        assertThat(limit.tryTake()).isFalse();
    }

    @Test
    void overAnyLongRunNoMoreThanTheRatePlusOneBurstPasses() {
        Random random = new Random(42);
        RateLimit limit = new RateLimit(10, clock);
        long passed = 0;
        Duration elapsed = Duration.ZERO;
        for (int i = 0; i < 10_000; i++) {
            Duration step = Duration.ofMillis(random.nextInt(2_000));
            clock.advance(step);
            elapsed = elapsed.plus(step);
            if (limit.tryTake()) {
                passed++;
            }
        }
        long allowed = 10 + elapsed.toMillis() * 10 / 60_000;
        assertThat(passed).isLessThanOrEqualTo(allowed).isGreaterThan(allowed * 9 / 10);
    }
}
