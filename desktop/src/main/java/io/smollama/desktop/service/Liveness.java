package io.smollama.desktop.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The missed-heartbeat rules that turn contacts (an answered health poll, a WebSocket message) and
 * failures into a {@link NodeState}: ONLINE while the node was heard within two heartbeats; STALE
 * after two missed heartbeats or a first failed poll; OFFLINE after three failed polls in a row, five
 * missed heartbeats, or a failure before the node was ever heard. Thread-safe; time from the clock.
 */
final class Liveness {

    static final int STALE_AFTER_MISSED = 2;
    static final int OFFLINE_AFTER_MISSED = 5;
    static final int OFFLINE_AFTER_FAILURES = 3;

    private final Clock clock;
    private final Duration heartbeat;
    private @Nullable Instant lastContact;
    private int failures;

    Liveness(Clock clock, Duration heartbeat) {
        this.clock = clock;
        this.heartbeat = heartbeat;
    }

    synchronized void contact() {
        lastContact = clock.instant();
        failures = 0;
    }

    synchronized void failure() {
        failures++;
    }

    synchronized @Nullable Instant lastContact() {
        return lastContact;
    }

    synchronized NodeState state() {
        if (lastContact == null) {
            return NodeState.OFFLINE;
        }
        Duration silent = Duration.between(lastContact, clock.instant());
        if (failures >= OFFLINE_AFTER_FAILURES || silent.compareTo(heartbeat.multipliedBy(OFFLINE_AFTER_MISSED)) > 0) {
            return NodeState.OFFLINE;
        }
        if (failures > 0 || silent.compareTo(heartbeat.multipliedBy(STALE_AFTER_MISSED)) > 0) {
            return NodeState.STALE;
        }
        return NodeState.ONLINE;
    }
}
