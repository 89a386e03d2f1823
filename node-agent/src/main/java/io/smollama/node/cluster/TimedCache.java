package io.smollama.node.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One value that is computed at most once per {@code ttl}: callers within the time get the same value, and callers
 * that arrive while it is being computed wait for that computation instead of starting their own, so a burst of
 * requests causes one fan-out. A computation that throws caches nothing.
 */
final class TimedCache<T> {

    private final Clock clock;
    private final Duration ttl;
    private @Nullable T value;
    private @Nullable Instant computedAt;

    TimedCache(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    synchronized T get(Supplier<T> compute) {
        Instant now = clock.instant();
        if (value != null && computedAt != null && now.isBefore(computedAt.plus(ttl)) && !now.isBefore(computedAt)) {
            return value;
        }
        T fresh = compute.get();
        value = fresh;
        computedAt = clock.instant();
        return fresh;
    }
}
