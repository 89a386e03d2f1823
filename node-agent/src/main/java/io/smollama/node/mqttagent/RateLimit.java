package io.smollama.node.mqttagent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket: at most {@code perMinute} takes in any burst, refilled evenly at {@code perMinute} a minute. Time
 * comes from the injected clock, so it is tested without sleeping.
 */
final class RateLimit {

    private final Clock clock;
    private final int capacity;
    private final double perNano;
    private double tokens;
    private Instant last;

    RateLimit(int perMinute, Clock clock) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be at least 1, got " + perMinute);
        }
        this.clock = clock;
        this.capacity = perMinute;
        this.perNano = perMinute / (double) Duration.ofMinutes(1).toNanos();
        this.tokens = perMinute;
        this.last = clock.instant();
    }

    /** Takes one token; false when none is left now. */
    synchronized boolean tryTake() {
        Instant now = clock.instant();
        if (now.isAfter(last)) {
            tokens = Math.min(capacity, tokens + Duration.between(last, now).toNanos() * perNano);
            last = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
