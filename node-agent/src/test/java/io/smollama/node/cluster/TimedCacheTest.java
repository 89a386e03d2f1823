package io.smollama.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smollama.node.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TimedCacheTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"), ZoneOffset.UTC);
    private final TimedCache<Integer> cache = new TimedCache<>(clock, Duration.ofSeconds(3));
    private final AtomicInteger computed = new AtomicInteger();

    @Test
    void callsWithinTheTimeToLiveGetTheSameValueComputedOnce() {
        assertThat(cache.get(computed::incrementAndGet)).isEqualTo(1);
        clock.advance(Duration.ofMillis(2_999));
        assertThat(cache.get(computed::incrementAndGet)).isEqualTo(1);
        assertThat(computed).hasValue(1);
    }

    @Test
    void aCallAfterTheTimeToLiveComputesAgain() {
        cache.get(computed::incrementAndGet);
        clock.advance(Duration.ofSeconds(3));
        assertThat(cache.get(computed::incrementAndGet)).isEqualTo(2);
    }

    @Test
    void aClockThatStepsBackComputesAgainRatherThanServingAFutureValue() {
        cache.get(computed::incrementAndGet);
        clock.advance(Duration.ofHours(-1));
        assertThat(cache.get(computed::incrementAndGet)).isEqualTo(2);
    }

    @Test
    void aComputationThatFailsCachesNothing() {
        assertThatThrownBy(() -> cache.get(() -> {
                    throw new IllegalStateException("boom");
                }))
                .hasMessage("boom");
        assertThat(cache.get(computed::incrementAndGet)).isEqualTo(1);
    }

    @Test
    void aZeroTimeToLiveComputesEveryTime() {
        TimedCache<Integer> none = new TimedCache<>(clock, Duration.ZERO);
        none.get(computed::incrementAndGet);
        none.get(computed::incrementAndGet);
        assertThat(computed).hasValue(2);
    }
}
