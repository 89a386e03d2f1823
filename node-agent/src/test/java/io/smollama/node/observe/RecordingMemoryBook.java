package io.smollama.node.observe;

import io.smollama.common.Memory;
import io.smollama.common.Observation;
import io.smollama.common.RecallHit;
import io.smollama.common.RecallQuery;
import io.smollama.common.RememberResult;
import io.smollama.node.memory.MemoryBook;
import io.smollama.node.memory.ObservationDraft;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A test double of {@link MemoryBook} that keeps everything in lists: no embeddings, no near-duplicate
 * merging, recall returns the newest items. It lets the loop's tests see exactly what was written.
 */
final class RecordingMemoryBook implements MemoryBook {

    private final Clock clock;
    final List<Observation> observations = new ArrayList<>();
    final List<Memory> memories = new ArrayList<>();
    final List<RecallQuery> recalls = new ArrayList<>();

    RecordingMemoryBook(Clock clock) {
        this.clock = clock;
    }

    /** Adds an observation as if it had been written at {@code at}. */
    synchronized Observation seed(String type, String text, List<String> sources, Instant at) {
        Observation o =
                new Observation(UUID.randomUUID().toString(), "n1", type, text, 0.8, sources, "llm", at, at, 1, null);
        observations.add(o);
        return o;
    }

    @Override
    public synchronized Observation observe(ObservationDraft d) {
        Instant now = clock.instant();
        Observation o = new Observation(
                UUID.randomUUID().toString(),
                "n1",
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
    public synchronized RememberResult remember(String fact, double confidence) {
        Instant now = clock.instant();
        Memory m = new Memory(UUID.randomUUID().toString(), "n1", fact, confidence, 1, true, now, now, null);
        memories.add(m);
        return new RememberResult(m, false);
    }

    @Override
    public synchronized Optional<Memory> forget(String memoryId) {
        return Optional.empty();
    }

    @Override
    public synchronized List<RecallHit> recall(RecallQuery query) {
        recalls.add(query);
        List<RecallHit> hits = new ArrayList<>();
        observations.reversed().stream().limit(query.limit()).forEach(o -> hits.add(RecallHit.of(o, 1, null)));
        return hits;
    }

    @Override
    public synchronized List<Observation> recentObservations(
            int limit, @Nullable String type, @Nullable Instant since) {
        return observations.reversed().stream().limit(limit).toList();
    }

    @Override
    public synchronized List<Memory> memories(int limit, boolean includeInactive) {
        return memories.reversed().stream().limit(limit).toList();
    }

    @Override
    public synchronized List<Observation> observationsBefore(Instant cutoff, int limit) {
        return observations.stream()
                .filter(o -> o.createdAt().isBefore(cutoff))
                .sorted(Comparator.comparing(Observation::createdAt))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized int removeObservations(Collection<String> ids) {
        int before = observations.size();
        observations.removeIf(o -> ids.contains(o.id()));
        return before - observations.size();
    }

    synchronized List<Observation> bySource(String source) {
        return observations.stream().filter(o -> o.source().equals(source)).toList();
    }
}
