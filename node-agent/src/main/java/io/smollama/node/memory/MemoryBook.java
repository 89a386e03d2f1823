package io.smollama.node.memory;

import io.smollama.common.Memory;
import io.smollama.common.Observation;
import io.smollama.common.RecallHit;
import io.smollama.common.RecallQuery;
import io.smollama.common.RememberResult;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A node's memory as the observation loop, the agent's tools and the HTTP API use it: observations
 * and memories kept in SQLite with their embeddings, searched by meaning and by keyword. Writes are
 * durable when they return. An embedding failure throws {@link MemoryException} and stores nothing.
 */
public interface MemoryBook {

    /**
     * Stores an observation, or merges it into a near-duplicate (cosine ≥ 0.9, same type) already kept:
     * the existing one's {@code timesSeen} grows and its confidence rises. Returns what is now stored.
     */
    Observation observe(ObservationDraft draft);

    /** Stores a fact, or confirms a near-duplicate (cosine ≥ 0.9) already kept. */
    RememberResult remember(String fact, double confidence);

    /** Deactivates a memory; empty when there is no memory with this id. */
    Optional<Memory> forget(String memoryId);

    /** Hybrid semantic + keyword search, filters applied before the top-k cut. */
    List<RecallHit> recall(RecallQuery query);

    /** Observations newest first, optionally of one type and since an instant. */
    List<Observation> recentObservations(int limit, @Nullable String type, @Nullable Instant since);

    /**
     * Observations of one node ({@code node} = where they were made; null: every node) newest first, as held here;
     * on a hub the store holds every node's observations. This default filters {@link #recentObservations}; a store
     * should filter in its query instead.
     */
    default List<Observation> recentObservations(
            int limit, @Nullable String type, @Nullable Instant since, @Nullable String node) {
        if (node == null) {
            return recentObservations(limit, type, since);
        }
        return recentObservations(Integer.MAX_VALUE, type, since).stream()
                .filter(o -> o.node().equals(node))
                .limit(limit)
                .toList();
    }

    /** Active memories newest first (all memories when {@code includeInactive}). */
    List<Memory> memories(int limit, boolean includeInactive);

    /**
     * This node's own observations created before {@code cutoff}, oldest first (for compaction and age-off);
     * items other nodes synced here are theirs to compact.
     */
    List<Observation> observationsBefore(Instant cutoff, int limit);

    /** Removes observations (and their vectors and index entries); returns how many were removed. */
    int removeObservations(Collection<String> ids);
}
