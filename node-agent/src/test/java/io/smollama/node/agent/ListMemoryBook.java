package io.smollama.node.agent;

import io.smollama.common.Memory;
import io.smollama.common.Observation;
import io.smollama.common.RecallHit;
import io.smollama.common.RecallQuery;
import io.smollama.common.RememberResult;
import io.smollama.node.memory.MemoryBook;
import io.smollama.node.memory.ObservationDraft;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * An in-test {@link MemoryBook} for the agent's tests until the real one (the memory package's) is
 * merged: memories in a list, recall by shared words, no embeddings. It can be told to fail.
 */
final class ListMemoryBook implements MemoryBook {

    final List<Memory> memories = new CopyOnWriteArrayList<>();
    final List<Observation> observations = new CopyOnWriteArrayList<>();
    private volatile @Nullable String failure;

    ListMemoryBook with(String fact) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        memories.add(new Memory("m" + (memories.size() + 1), "test-node", fact, 0.9, 1, true, now, now, null));
        return this;
    }

    /** Makes every write throw a {@link io.smollama.node.memory.MemoryException} with this message. */
    ListMemoryBook failingWrites(String message) {
        this.failure = message;
        return this;
    }

    @Override
    public Observation observe(ObservationDraft d) {
        failIfTold();
        Instant now = Instant.now();
        Observation o = new Observation(
                "o" + (observations.size() + 1),
                "test-node",
                d.type(),
                d.text(),
                d.confidence(),
                d.relatedSources(),
                d.source(),
                now,
                now,
                1,
                null);
        observations.add(o);
        return o;
    }

    @Override
    public RememberResult remember(String fact, double confidence) {
        failIfTold();
        with(fact);
        return new RememberResult(memories.getLast(), false);
    }

    @Override
    public Optional<Memory> forget(String memoryId) {
        failIfTold();
        return memories.stream().filter(m -> m.id().equals(memoryId)).findFirst();
    }

    @Override
    public List<RecallHit> recall(RecallQuery query) {
        List<RecallHit> hits = new ArrayList<>();
        for (Memory m : memories) {
            long shared = List.of(query.query().toLowerCase(Locale.ROOT).split("\\W+")).stream()
                    .filter(w ->
                            w.length() > 3 && m.fact().toLowerCase(Locale.ROOT).contains(w))
                    .count();
            if (shared > 0) {
                hits.add(RecallHit.of(m, shared, null));
            }
        }
        return hits.stream().limit(query.limit()).toList();
    }

    @Override
    public List<Observation> recentObservations(int limit, @Nullable String type, @Nullable Instant since) {
        return observations.stream().limit(limit).toList();
    }

    @Override
    public List<Memory> memories(int limit, boolean includeInactive) {
        return memories.stream().limit(limit).toList();
    }

    @Override
    public List<Observation> observationsBefore(Instant cutoff, int limit) {
        return List.of();
    }

    @Override
    public int removeObservations(Collection<String> ids) {
        return 0;
    }

    private void failIfTold() {
        String f = failure;
        if (f != null) {
            throw new io.smollama.node.memory.MemoryException(f);
        }
    }
}
