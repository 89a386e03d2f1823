package io.smollama.common;

import java.time.Instant;
import java.util.List;

/**
 * A source's numeric history between two instants, downsampled to at most the requested number of
 * points. {@code resolution} names the table it was computed from: {@code raw}, {@code minute} or
 * {@code hour}; {@code bucketMillis} is the width of each point (0 for raw points).
 */
public record History(
        String source, Instant from, Instant to, String resolution, long bucketMillis, List<HistoryPoint> points) {
    public History {
        points = List.copyOf(points);
    }
}
