package io.smollama.node.mqtt;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Reconnect delays: exponential from {@code initial}, capped at {@code max}, with "equal jitter" (a delay is
 * drawn uniformly from the upper half of the exponential step), so nodes that lost the broker together do not
 * come back in lock-step, yet no delay is shorter than half its step.
 */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final RandomGenerator random;

    Backoff(Duration initial, Duration max, RandomGenerator random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** The delay before reconnect attempt {@code attempt} (1 for the first retry). */
    Duration delay(int attempt) {
        long step = step(Math.max(1, attempt)).toMillis();
        long half = step / 2;
        return Duration.ofMillis(half + random.nextLong(step - half + 1));
    }

    /** The step before jitter: {@code initial * 2^(attempt-1)}, at most {@code max}. */
    Duration step(int attempt) {
        int shift = Math.min(Math.max(0, attempt - 1), 30);
        long millis = initial.toMillis() << shift;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }
}
