package io.smollama.node.memory;

import io.smollama.common.Memory;
import io.smollama.common.Observation;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Told about every change of this node's memory, on the write connection and inside the transaction that
 * makes the change, so that whatever it records (the sync log) commits or rolls back with the change itself.
 * Each method receives the item's full state after the change.
 */
public interface MemoryChanges {

    /** Records nothing: for tests and benchmarks that keep no change log. */
    MemoryChanges NONE = new MemoryChanges() {
        @Override
        public void observationStored(Connection c, Observation o) {}

        @Override
        public void memoryStored(Connection c, Memory m) {}

        @Override
        public void memoryForgotten(Connection c, String id, Instant at) {}

        @Override
        public void observationRemoved(Connection c, String id, Instant at) {}
    };

    /** An observation was stored, reinforced or imported. */
    void observationStored(Connection c, Observation o) throws SQLException;

    /** A memory was stored, confirmed or imported. */
    void memoryStored(Connection c, Memory m) throws SQLException;

    /** An active memory was forgotten (deactivated). */
    void memoryForgotten(Connection c, String id, Instant at) throws SQLException;

    /** An observation was removed (compaction, age-off). */
    void observationRemoved(Connection c, String id, Instant at) throws SQLException;
}
