package io.smollama.desktop.memory;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the operator asked for: a query (blank lists the newest entries), which node ({@code null}:
 * all), which kinds, an observation type ({@code null}: any), how far back, and how many results.
 */
record MemoryFilter(
        String query,
        @Nullable String node,
        Kinds kinds,
        @Nullable String type,
        Period period,
        int limit) {

    /** Which entries a search returns. */
    enum Kinds {
        ALL("Observations and memories", Set.of()),
        OBSERVATIONS("Observations", Set.of("observation")),
        MEMORIES("Memories", Set.of("memory"));

        private final String label;
        private final Set<String> wire;

        Kinds(String label, Set<String> wire) {
            this.label = label;
            this.wire = wire;
        }

        /** The {@code kinds} of a recall query (empty: both). */
        Set<String> wire() {
            return wire;
        }

        boolean observations() {
            return this != MEMORIES;
        }

        boolean memories() {
            return this != OBSERVATIONS;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** How far back a search looks. */
    enum Period {
        ANY("Any time", null),
        HOUR("Last hour", Duration.ofHours(1)),
        DAY("Last 24 hours", Duration.ofDays(1)),
        WEEK("Last 7 days", Duration.ofDays(7)),
        MONTH("Last 30 days", Duration.ofDays(30));

        private final String label;
        private final @Nullable Duration span;

        Period(String label, @Nullable Duration span) {
            this.label = label;
            this.span = span;
        }

        @Nullable
        Instant since(Instant now) {
            return span == null ? null : now.minus(span);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    MemoryFilter {
        query = query.strip();
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        if (kinds == Kinds.MEMORIES) {
            type = null; // a type narrows observations only
        }
    }

    boolean listing() {
        return query.isEmpty();
    }
}
