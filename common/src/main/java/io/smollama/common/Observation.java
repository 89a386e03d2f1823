package io.smollama.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Something a node noticed about its readings, written by the LLM, the statistical summariser or the
 * agent. {@code type} is one of {@link #TYPES}; {@code source} says who wrote it ({@code llm},
 * {@code statistics}, {@code agent} or {@code import}); {@code timesSeen} counts near-duplicates merged
 * into it. {@code score} is set only on search results (higher is more relevant).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Observation(
        String id,
        String node,
        String type,
        String text,
        double confidence,
        List<String> relatedSources,
        String source,
        Instant createdAt,
        Instant updatedAt,
        int timesSeen,
        @Nullable Double score) {

    public static final Set<String> TYPES = Set.of("pattern", "anomaly", "status", "summary", "general");

    public Observation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (id.isBlank() || node.isBlank()) {
            throw new IllegalArgumentException("observation id and node must not be empty");
        }
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("observation type must be one of " + TYPES + ", got " + type);
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("observation confidence must be within 0..1, got " + confidence);
        }
        relatedSources = relatedSources == null ? List.of() : List.copyOf(relatedSources);
        source = source == null ? "llm" : source;
    }

    /** This observation with a search score. */
    public Observation withScore(double s) {
        return new Observation(
                id, node, type, text, confidence, relatedSources, source, createdAt, updatedAt, timesSeen, s);
    }
}
