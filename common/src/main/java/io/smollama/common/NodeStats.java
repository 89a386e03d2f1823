package io.smollama.common;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Counts and sizes a node reports at {@code GET /api/stats}. */
public record NodeStats(
        String node,
        long readingsTotal,
        long sources,
        long rollupMinuteRows,
        long rollupHourRows,
        @Nullable Instant oldestReading,
        @Nullable Instant newestReading,
        long databaseBytes,
        double readingsPerSecond,
        Map<String, Long> readingsBySource) {
    public NodeStats {
        readingsBySource = Map.copyOf(readingsBySource);
    }
}
