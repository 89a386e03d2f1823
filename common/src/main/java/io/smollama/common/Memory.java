package io.smollama.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A fact a node keeps. Remembering a near-duplicate confirms the existing memory instead
 * ({@code timesConfirmed} + 1, confidence up); forgetting deactivates it ({@code active} false) so the
 * decision survives sync. {@code score} is set only on search results.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Memory(
        String id,
        String node,
        String fact,
        double confidence,
        int timesConfirmed,
        boolean active,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Double score) {

    public Memory {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(fact, "fact");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (id.isBlank() || node.isBlank()) {
            throw new IllegalArgumentException("memory id and node must not be empty");
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("memory confidence must be within 0..1, got " + confidence);
        }
    }

    /** This memory with a search score. */
    public Memory withScore(double s) {
        return new Memory(id, node, fact, confidence, timesConfirmed, active, createdAt, updatedAt, s);
    }
}
