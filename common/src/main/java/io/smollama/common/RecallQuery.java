package io.smollama.common;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A search over observations and memories ({@code POST /api/memory/recall}). {@code kinds} holds
 * {@code observation} and/or {@code memory} (empty: both); the filters ({@code type} of an
 * observation, {@code since}, {@code node}, inactive memories) apply before the top-{@code limit} cut.
 */
public record RecallQuery(
        String query,
        int limit,
        Set<String> kinds,
        @Nullable String type,
        @Nullable Instant since,
        @Nullable String node,
        boolean includeInactive) {

    public static final int MAX_LIMIT = 100;

    public RecallQuery {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("query must not be empty");
        }
        if (limit <= 0) {
            limit = 10;
        }
        if (limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be at most " + MAX_LIMIT + ", got " + limit);
        }
        kinds = kinds == null ? Set.of() : Set.copyOf(kinds);
        for (String k : kinds) {
            if (!k.equals("observation") && !k.equals("memory")) {
                throw new IllegalArgumentException("kinds may hold observation and memory, got " + k);
            }
        }
        if (type != null && !Observation.TYPES.contains(type)) {
            throw new IllegalArgumentException("type must be one of " + Observation.TYPES + ", got " + type);
        }
    }

    public static RecallQuery of(String query, int limit) {
        return new RecallQuery(query, limit, Set.of(), null, null, null, false);
    }
}
