package io.smollama.node.sync;

/**
 * A sync call that failed: either the hub could not be reached (offline: connection refused, timeout,
 * no route), or it answered with an error status (the message says which and what to do). Never holds
 * the token.
 */
final class SyncException extends Exception {

    private final boolean unreachable;

    private SyncException(String message, boolean unreachable) {
        super(message, null, false, false);
        this.unreachable = unreachable;
    }

    static SyncException unreachable(String message) {
        return new SyncException(message, true);
    }

    static SyncException rejected(String message) {
        return new SyncException(message, false);
    }

    /** True when the hub did not answer at all. */
    boolean unreachable() {
        return unreachable;
    }
}
