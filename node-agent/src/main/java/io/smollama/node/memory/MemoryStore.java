package io.smollama.node.memory;

import io.smollama.common.ComponentHealth;
import io.smollama.common.Memory;
import io.smollama.common.NodeEvent;
import io.smollama.common.Observation;
import io.smollama.common.RecallHit;
import io.smollama.common.RecallQuery;
import io.smollama.common.RememberResult;
import io.smollama.node.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The node's {@link MemoryBook} over SQLite (migration 2) and an in-memory {@link VectorIndex}.
 *
 * <p>Guarantees: a write returns only after its transaction committed, and its event is published after
 * that; an embedding failure stores nothing. A near-duplicate (exact cosine ≥ {@value #DUPLICATE} against
 * the same kind, and for observations the same type; memories only against active ones) is merged instead of
 * stored twice: {@code timesSeen}/{@code timesConfirmed} + 1 and the confidence rises by the noisy-OR rule
 * {@code c' = 1 − (1 − c)(1 − c_new)} (two independent 0.8 sightings make 0.96; it never falls and stays
 * below 1 unless one sighting was certain). Vectors of another model are never compared: the
 * {@link Reembedder} replaces them in the background while search falls back to keywords for those items.
 */
public final class MemoryStore implements MemoryBook, AutoCloseable {

    static final double DUPLICATE = 0.9;
    private static final int DUPLICATE_CANDIDATES = 8;

    private final Database db;
    private final Embedder embedder;
    private final String node;
    private final Clock clock;
    private final Consumer<NodeEvent> publish;
    private final MemoryChanges changes;
    private final VectorIndex index = new VectorIndex();
    private final ReentrantLock writes = new ReentrantLock();
    private final Recall recall;
    private final Reembedder reembedder;

    private MemoryStore(
            Database db,
            Embedder embedder,
            String node,
            Clock clock,
            Consumer<NodeEvent> publish,
            MemoryChanges changes) {
        this.db = db;
        this.changes = changes;
        this.embedder = embedder;
        this.node = node;
        this.clock = clock;
        this.publish = publish;
        this.reembedder = new Reembedder(db, embedder, index);
        this.recall = new Recall(db, embedder, index, reembedder::recovered);
    }

    /**
     * Rebuilds the index from the database and starts re-embedding items that lack a vector of the
     * embedder's model. {@code publish} receives an event after each durable write.
     */
    public static MemoryStore open(
            Database db, Embedder embedder, String node, Clock clock, Consumer<NodeEvent> publish) {
        return open(db, embedder, node, clock, publish, MemoryChanges.NONE);
    }

    /**
     * Like {@link #open(Database, Embedder, String, Clock, Consumer)}, and reports every change to
     * {@code changes} inside the change's own transaction (the node-agent passes its sync log).
     */
    public static MemoryStore open(
            Database db,
            Embedder embedder,
            String node,
            Clock clock,
            Consumer<NodeEvent> publish,
            MemoryChanges changes) {
        MemoryStore store = new MemoryStore(db, embedder, node, clock, publish, changes);
        store.rebuildIndex();
        store.reembedder.start();
        return store;
    }

    private void rebuildIndex() {
        String model = embedder.model();
        db.read(c -> {
            MemoryTables.scan(c, model, row -> {
                byte[] v = row.vector();
                index.put(row.entry(), v == null ? null : Vectors.decode(v));
            });
            return null;
        });
    }

    @Override
    public Observation observe(ObservationDraft draft) {
        float[] v = embedOne(draft.text());
        Instant now = now();
        writes.lock();
        try {
            var twin = nearest(
                    v, new VectorIndex.Filter(1 << VectorIndex.OBSERVATION, draft.type(), Long.MIN_VALUE, node, true));
            Observation stored;
            if (twin != null) {
                stored = db.write(c -> {
                    var old = MemoryTables.observation(c, twin.seq()).orElseThrow();
                    MemoryTables.reinforceObservation(
                            c, twin.seq(), raise(old.item().confidence(), draft.confidence()), now);
                    Observation after = MemoryTables.observation(c, twin.seq())
                            .orElseThrow()
                            .item();
                    changes.observationStored(c, after);
                    return after;
                });
            } else {
                Observation o = new Observation(
                        UUID.randomUUID().toString(),
                        node,
                        draft.type(),
                        draft.text(),
                        draft.confidence(),
                        draft.relatedSources(),
                        draft.source(),
                        now,
                        now,
                        1,
                        null);
                long seq = db.write(c -> {
                    long s = MemoryTables.insertObservation(c, o);
                    MemoryTables.putVector(c, MemoryTables.OBSERVATION, s, embedder.model(), v);
                    changes.observationStored(c, o);
                    return s;
                });
                index.put(entry(seq, o), v);
                stored = o;
            }
            publish.accept(new NodeEvent.ObservationEvent(node, stored));
            return stored;
        } finally {
            writes.unlock();
        }
    }

    @Override
    public RememberResult remember(String fact, double confidence) {
        if (fact == null || fact.isBlank()) {
            throw new IllegalArgumentException("fact must not be empty");
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be within 0..1, got " + confidence);
        }
        String text = fact.strip();
        float[] v = embedOne(text);
        Instant now = now();
        writes.lock();
        try {
            var twin = nearest(v, new VectorIndex.Filter(1 << VectorIndex.MEMORY, null, Long.MIN_VALUE, node, false));
            RememberResult result;
            if (twin != null) {
                Memory m = db.write(c -> {
                    var old = MemoryTables.memory(c, twin.seq()).orElseThrow();
                    MemoryTables.reinforceMemory(c, twin.seq(), raise(old.item().confidence(), confidence), now);
                    Memory after =
                            MemoryTables.memory(c, twin.seq()).orElseThrow().item();
                    changes.memoryStored(c, after);
                    return after;
                });
                result = new RememberResult(m, true);
            } else {
                Memory m = new Memory(UUID.randomUUID().toString(), node, text, confidence, 1, true, now, now, null);
                long seq = db.write(c -> {
                    long s = MemoryTables.insertMemory(c, m);
                    MemoryTables.putVector(c, MemoryTables.MEMORY, s, embedder.model(), v);
                    changes.memoryStored(c, m);
                    return s;
                });
                index.put(entry(seq, m), v);
                result = new RememberResult(m, false);
            }
            publish.accept(new NodeEvent.MemoryEvent(node, result.memory()));
            return result;
        } finally {
            writes.unlock();
        }
    }

    @Override
    public Optional<Memory> forget(String memoryId) {
        Instant now = now();
        writes.lock();
        try {
            Optional<MemoryTables.Row<Memory>> row = db.write(c -> {
                var found = MemoryTables.memoryById(c, memoryId);
                if (found.isEmpty()) {
                    return found;
                }
                if (found.get().item().active()) {
                    MemoryTables.deactivateMemory(c, found.get().seq(), now);
                    changes.memoryForgotten(c, memoryId, now);
                }
                return MemoryTables.memory(c, found.get().seq());
            });
            row.ifPresent(r -> {
                index.setActive(VectorIndex.MEMORY, r.seq(), false);
                publish.accept(new NodeEvent.MemoryEvent(node, r.item()));
            });
            return row.map(MemoryTables.Row::item);
        } finally {
            writes.unlock();
        }
    }

    @Override
    public List<RecallHit> recall(RecallQuery query) {
        return recall.search(query);
    }

    @Override
    public List<Observation> recentObservations(int limit, @Nullable String type, @Nullable Instant since) {
        return db.read(c -> MemoryTables.recentObservations(c, limit, type, since, null));
    }

    @Override
    public List<Observation> recentObservations(
            int limit, @Nullable String type, @Nullable Instant since, @Nullable String node) {
        return db.read(c -> MemoryTables.recentObservations(c, limit, type, since, node));
    }

    @Override
    public List<Memory> memories(int limit, boolean includeInactive) {
        return db.read(c -> MemoryTables.memories(c, limit, includeInactive));
    }

    /** Only this node's own observations: a hub never compacts the items other nodes synced to it. */
    @Override
    public List<Observation> observationsBefore(Instant cutoff, int limit) {
        return db.read(c -> MemoryTables.observationsBefore(c, node, cutoff, limit));
    }

    @Override
    public int removeObservations(Collection<String> ids) {
        writes.lock();
        try {
            Instant now = now();
            List<Long> removed = db.write(c -> {
                List<Long> seqs = new ArrayList<>();
                for (String id : ids) {
                    List<Long> one = MemoryTables.deleteObservations(c, List.of(id));
                    if (!one.isEmpty()) {
                        changes.observationRemoved(c, id, now);
                        seqs.addAll(one);
                    }
                }
                return seqs;
            });
            removed.forEach(seq -> index.remove(VectorIndex.OBSERVATION, seq));
            return removed.size();
        } finally {
            writes.unlock();
        }
    }

    /**
     * Stores items exported by a node (this one or another), keeping their ids, node and times; an id
     * already present is skipped, so importing twice changes nothing. Imported items are embedded in the
     * background (keyword search finds them meanwhile). Returns how many were stored.
     */
    public int importItems(List<Observation> observations, List<Memory> memories) {
        int stored = 0;
        writes.lock();
        try {
            record Added(long seq, VectorIndex.Entry entry) {}
            List<Added> added = db.write(c -> {
                List<Added> out = new ArrayList<>();
                for (Observation o : observations) {
                    if (!MemoryTables.exists(c, MemoryTables.OBSERVATION, o.id())) {
                        long seq = MemoryTables.insertObservation(c, o);
                        changes.observationStored(c, o);
                        out.add(new Added(seq, entry(seq, o)));
                    }
                }
                for (Memory m : memories) {
                    if (!MemoryTables.exists(c, MemoryTables.MEMORY, m.id())) {
                        long seq = MemoryTables.insertMemory(c, m);
                        changes.memoryStored(c, m);
                        out.add(new Added(seq, entry(seq, m)));
                    }
                }
                return out;
            });
            for (Added a : added) {
                index.put(a.entry(), null);
            }
            stored = added.size();
        } finally {
            writes.unlock();
        }
        if (stored > 0) {
            reembedder.wake();
        }
        return stored;
    }

    /** Work inside a sync merge's transaction. */
    @FunctionalInterface
    public interface MergeWork<T> {
        T run(Connection c, MergeTarget target) throws SQLException;
    }

    /**
     * Runs {@code work} in one write transaction in which it may write other nodes' items through the
     * {@link MergeTarget}; the in-memory index follows once the transaction committed (and forgets nothing
     * when it rolls back). New and changed items are embedded in the background.
     */
    public <T> T merge(MergeWork<T> work) {
        writes.lock();
        try {
            Merged merged = new Merged();
            T result = db.write(c -> work.run(c, merged.on(c)), merged.pending::clear);
            merged.pending.forEach(Runnable::run);
            if (merged.embed) {
                reembedder.wake();
            }
            return result;
        } finally {
            writes.unlock();
        }
    }

    /** A {@link MergeTarget} that queues index changes until the transaction committed. */
    private final class Merged implements MergeTarget {
        final List<Runnable> pending = new ArrayList<>();
        boolean embed;
        private @Nullable Connection c;

        Merged on(Connection connection) {
            this.c = connection;
            pending.clear();
            embed = false;
            return this;
        }

        private Connection c() {
            return java.util.Objects.requireNonNull(c);
        }

        @Override
        public void putObservation(Observation o) throws SQLException {
            var old = MemoryTables.observationById(c(), o.id());
            if (old.isPresent() && sameText(old.get().item(), o)) {
                MemoryTables.updateObservation(c(), old.get().seq(), o);
                return;
            }
            if (old.isPresent()) {
                long oldSeq = old.get().seq();
                MemoryTables.deleteObservations(c(), List.of(o.id()));
                pending.add(() -> index.remove(VectorIndex.OBSERVATION, oldSeq));
            }
            long seq = MemoryTables.insertObservation(c(), o);
            VectorIndex.Entry e = entry(seq, o);
            pending.add(() -> index.put(e, null));
            embed = true;
        }

        @Override
        public void putMemory(Memory m) throws SQLException {
            var old = MemoryTables.memoryById(c(), m.id());
            if (old.isPresent() && sameText(old.get().item(), m)) {
                long seq = old.get().seq();
                MemoryTables.updateMemory(c(), seq, m);
                boolean active = m.active();
                pending.add(() -> index.setActive(VectorIndex.MEMORY, seq, active));
                return;
            }
            if (old.isPresent()) {
                long oldSeq = old.get().seq();
                MemoryTables.deleteMemory(c(), oldSeq);
                pending.add(() -> index.remove(VectorIndex.MEMORY, oldSeq));
            }
            long seq = MemoryTables.insertMemory(c(), m);
            VectorIndex.Entry e = entry(seq, m);
            pending.add(() -> index.put(e, null));
            embed = true;
        }

        @Override
        public void removeObservation(String id) throws SQLException {
            for (long seq : MemoryTables.deleteObservations(c(), List.of(id))) {
                pending.add(() -> index.remove(VectorIndex.OBSERVATION, seq));
            }
        }

        @Override
        public Optional<Memory> memory(String id) throws SQLException {
            return MemoryTables.memoryById(c(), id).map(MemoryTables.Row::item);
        }
    }

    /** Same text and index attributes: the row (and its vector) can be updated in place. */
    private static boolean sameText(Observation a, Observation b) {
        return a.text().equals(b.text())
                && a.type().equals(b.type())
                && a.node().equals(b.node())
                && a.createdAt().equals(b.createdAt());
    }

    private static boolean sameText(Memory a, Memory b) {
        return a.fact().equals(b.fact())
                && a.node().equals(b.node())
                && a.createdAt().equals(b.createdAt());
    }

    /** Observations then memories, each in storage order, {@code page} rows at a time (for export). */
    public void forEachItem(int page, Consumer<Object> sink) {
        long after = 0;
        while (true) {
            long from = after;
            var rows = db.read(c -> MemoryTables.observationPage(c, from, page));
            rows.forEach(r -> sink.accept(r.item()));
            if (rows.size() < page) {
                break;
            }
            after = rows.getLast().seq();
        }
        after = 0;
        while (true) {
            long from = after;
            var rows = db.read(c -> MemoryTables.memoryPage(c, from, page));
            rows.forEach(r -> sink.accept(r.item()));
            if (rows.size() < page) {
                break;
            }
            after = rows.getLast().seq();
        }
    }

    /** What the health report shows: embedder state, items, and re-embedding progress. */
    public MemoryStatus status() {
        return new MemoryStatus(
                embedder.state(), embedder.model(), index.size(), index.withVectors(), reembedder.lastError());
    }

    /** The memory component's figures. */
    public record MemoryStatus(
            Embedder.EmbedderState embedder,
            String model,
            int items,
            int embedded,
            @Nullable String reembedError) {

        /**
         * The {@code memory} component of {@code /api/health}: UP while loading or re-embedding, DEGRADED when
         * the embedder fails (readings are still recorded; keyword search still answers).
         */
        public ComponentHealth health() {
            String progress = embedded < items
                    ? "; re-embedding: " + embedded + " of " + items + " items embedded"
                    : "; " + items + " items";
            String detail =
                    (embedder.phase() == Embedder.EmbedderState.Phase.LOADING ? "loading " + model : embedder.detail())
                            + progress;
            if (reembedError != null) {
                detail += " (re-embedding paused: " + reembedError + ")";
            }
            boolean failing = embedder.phase() == Embedder.EmbedderState.Phase.FAILED || reembedError != null;
            return new ComponentHealth(failing ? ComponentHealth.Status.DEGRADED : ComponentHealth.Status.UP, detail);
        }
    }

    /** Noisy-OR: the chance that at least one of two independent sightings is right. */
    static double raise(double current, double incoming) {
        return Math.min(1.0, 1 - (1 - current) * (1 - incoming));
    }

    private MemoryTables.@Nullable Row<Double> nearest(float[] v, VectorIndex.Filter filter) {
        var candidates = index.top(v, DUPLICATE_CANDIDATES, filter);
        if (candidates.isEmpty()) {
            return null;
        }
        byte kind = candidates.getFirst().kind();
        String kindName = kind == VectorIndex.MEMORY ? MemoryTables.MEMORY : MemoryTables.OBSERVATION;
        var exact = db.read(c -> MemoryTables.vectors(
                c, kindName, candidates.stream().map(VectorIndex.Candidate::seq).toList(), embedder.model()));
        MemoryTables.Row<Double> best = null;
        for (var e : exact.entrySet()) {
            double cos = Vectors.dot(v, e.getValue());
            if (cos >= DUPLICATE && (best == null || cos > best.item())) {
                best = new MemoryTables.Row<>(e.getKey(), cos);
            }
        }
        return best;
    }

    private float[] embedOne(String text) {
        List<float[]> out = embedder.embed(List.of(text));
        if (out.size() != 1) {
            throw new MemoryException("the embedder returned " + out.size() + " vectors for one text; nothing stored");
        }
        reembedder.recovered();
        return out.getFirst();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static VectorIndex.Entry entry(long seq, Observation o) {
        return new VectorIndex.Entry(
                VectorIndex.OBSERVATION, seq, o.type(), o.createdAt().toEpochMilli(), o.node(), true);
    }

    static VectorIndex.Entry entry(long seq, Memory m) {
        return new VectorIndex.Entry(VectorIndex.MEMORY, seq, "", m.createdAt().toEpochMilli(), m.node(), m.active());
    }

    /** Stops background re-embedding; the database and the embedder belong to the caller. */
    @Override
    public void close() {
        reembedder.close();
    }
}
