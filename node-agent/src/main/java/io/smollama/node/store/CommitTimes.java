package io.smollama.node.store;

import java.util.Arrays;

/** The durations of the most recent commits, for percentiles in {@link WriterStatus}. Thread-safe. */
final class CommitTimes {

    private final long[] nanos;
    private int next;
    private int size;

    CommitTimes(int capacity) {
        nanos = new long[capacity];
    }

    synchronized void record(long durationNanos) {
        nanos[next] = durationNanos;
        next = (next + 1) % nanos.length;
        size = Math.min(size + 1, nanos.length);
    }

    /** The {@code q}-quantile (0..1) of the recorded durations in milliseconds; 0 when none. */
    synchronized double quantileMillis(double q) {
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int index = (int) Math.min(size - 1, Math.ceil(q * size) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
