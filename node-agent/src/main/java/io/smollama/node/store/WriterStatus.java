package io.smollama.node.store;

import io.smollama.common.ComponentHealth;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of the {@link ReadingWriter} for {@code /api/health} and {@code /metrics}.
 *
 * @param failure why the last commit failed while {@code state} is {@code FAILING}
 * @param queueDepth readings (and flush requests) waiting to be committed
 * @param committed readings committed since the writer started
 * @param batches transactions committed since the writer started
 * @param dropped readings refused because the queue stayed full, the writer was closed, or a failing batch
 *     was abandoned at shutdown
 * @param commitP50Millis median commit time over the recent commits (0 before the first)
 * @param commitP99Millis 99th percentile commit time over the recent commits (0 before the first)
 */
public record WriterStatus(
        State state,
        @Nullable String failure,
        int queueDepth,
        long committed,
        long batches,
        long dropped,
        @Nullable Instant lastCommit,
        double commitP50Millis,
        double commitP99Millis) {

    public enum State {
        OK,
        FAILING,
        STOPPED
    }

    /** The store component's health: up when committing, degraded while commits fail, down once stopped. */
    public ComponentHealth health() {
        String detail = "queue " + queueDepth + ", committed " + committed + ", dropped " + dropped;
        return switch (state) {
            case OK -> ComponentHealth.up(detail);
            case FAILING ->
                new ComponentHealth(ComponentHealth.Status.DEGRADED, "commits failing: " + failure + "; " + detail);
            case STOPPED -> ComponentHealth.down("writer stopped; " + detail);
        };
    }
}
