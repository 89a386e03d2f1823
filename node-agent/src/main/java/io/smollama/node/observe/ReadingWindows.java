package io.smollama.node.observe;

import io.smollama.common.History;
import io.smollama.node.store.ReadingLog;
import io.smollama.node.store.StoredSource;
import io.smollama.node.store.UnknownSourceException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-source statistics over a window ending now, read from the store's history queries (which pick
 * raw readings or the minute/hour rollups to fit {@code maxPoints}). Text sources and sources without a
 * numeric reading in the window are left out.
 */
final class ReadingWindows {

    private final ReadingLog log;

    ReadingWindows(ReadingLog log) {
        this.log = log;
    }

    /** Every numeric source's statistics over {@code [now - window, now]}, ordered by source id. */
    List<SourceStats> over(Instant now, Duration window, int maxPoints) {
        List<SourceStats> out = new ArrayList<>();
        Instant from = now.minus(window);
        Instant to = now.plusMillis(1); // history ranges are [from, to): include a reading stamped now
        for (StoredSource s : log.sources()) {
            if (!s.kind().equals("numeric")) {
                continue;
            }
            History h;
            try {
                h = log.history(s.source(), from, to, maxPoints);
            } catch (UnknownSourceException e) {
                continue; // removed between the two queries
            }
            if (!h.points().isEmpty()) {
                out.add(SourceStats.of(s.source(), s.unit(), h.points()));
            }
        }
        return out;
    }
}
