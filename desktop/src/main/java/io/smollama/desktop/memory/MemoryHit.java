package io.smollama.desktop.memory;

import io.smollama.common.Memory;
import io.smollama.common.Observation;
import io.smollama.common.RecallHit;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One row of the Memory screen: an observation or a memory as found on a node. {@code node} is the
 * node that wrote it, {@code via} the node that answered the search (the hub for merged entries);
 * {@code type} is an observation's type (null for memories); {@code similarity} is null when the entry
 * matched by keyword only or when the search was a plain listing.
 */
record MemoryHit(
        Kind kind,
        String id,
        String text,
        @Nullable String type,
        String node,
        String via,
        Instant at,
        double confidence,
        @Nullable Double similarity,
        double score,
        boolean active) {

    enum Kind {
        OBSERVATION,
        MEMORY;

        String label() {
            return this == OBSERVATION ? "observation" : "memory";
        }
    }

    static MemoryHit of(RecallHit hit, String via) {
        Observation o = hit.observation();
        if (o != null) {
            return new MemoryHit(
                    Kind.OBSERVATION,
                    o.id(),
                    o.text(),
                    o.type(),
                    o.node(),
                    via,
                    o.updatedAt(),
                    o.confidence(),
                    hit.similarity(),
                    hit.score(),
                    true);
        }
        Memory m = hit.memory();
        if (m == null) {
            throw new IllegalArgumentException("a recall hit of kind " + hit.kind() + " holds no entry");
        }
        return new MemoryHit(
                Kind.MEMORY,
                m.id(),
                m.fact(),
                null,
                m.node(),
                via,
                m.updatedAt(),
                m.confidence(),
                hit.similarity(),
                hit.score(),
                m.active());
    }

    static MemoryHit of(Observation o, String via) {
        double score = o.score() == null ? 0 : o.score();
        return new MemoryHit(
                Kind.OBSERVATION,
                o.id(),
                o.text(),
                o.type(),
                o.node(),
                via,
                o.updatedAt(),
                o.confidence(),
                null,
                score,
                true);
    }

    static MemoryHit of(Memory m, String via) {
        double score = m.score() == null ? 0 : m.score();
        return new MemoryHit(
                Kind.MEMORY,
                m.id(),
                m.fact(),
                null,
                m.node(),
                via,
                m.updatedAt(),
                m.confidence(),
                null,
                score,
                m.active());
    }

    /** Identity across nodes: a hub's merged copy and the origin's row are the same entry. */
    String key() {
        return kind + "/" + id;
    }
}
