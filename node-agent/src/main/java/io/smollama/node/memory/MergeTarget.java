package io.smollama.node.memory;

import io.smollama.common.Memory;
import io.smollama.common.Observation;
import java.sql.SQLException;

/**
 * Writes another node's item state into this node's tables, inside the transaction of a sync merge (see
 * {@link MemoryStore#merge}). Nothing here is reported to {@link MemoryChanges}: the merged entries are
 * already in the log. Items land without a vector and are embedded in the background.
 */
public interface MergeTarget {

    /** Stores or replaces the observation with this id. */
    void putObservation(Observation o) throws SQLException;

    /** Stores or replaces the memory with this id. */
    void putMemory(Memory m) throws SQLException;

    /** Removes the observation with this id, when present. */
    void removeObservation(String id) throws SQLException;

    /** The stored memory with this id, if any. */
    java.util.Optional<Memory> memory(String id) throws SQLException;
}
