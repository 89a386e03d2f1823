package io.smollama.desktop.service;

import java.time.Duration;

/** Doubling retry delays between a first and a maximum delay; {@link #reset()} after a success. */
final class Backoff {

    private final Duration first;
    private final Duration max;
    private Duration next;

    Backoff(Duration first, Duration max) {
        this.first = first;
        this.max = max;
        this.next = first;
    }

    /** The delay before the next attempt; each call doubles the one after, up to the maximum. */
    synchronized Duration next() {
        Duration d = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return d;
    }

    synchronized void reset() {
        next = first;
    }
}
