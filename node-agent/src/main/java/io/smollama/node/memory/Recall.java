package io.smollama.node.memory;

import io.smollama.common.Memory;
import io.smollama.common.Observation;
import io.smollama.common.RecallHit;
import io.smollama.common.RecallQuery;
import io.smollama.node.store.Database;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Hybrid search. Semantic candidates come from the {@link VectorIndex} (int8 scan, filters applied before
 * the cut) and keyword candidates from FTS5 (bm25, the same filters in SQL); each candidate's similarity is
 * then computed exactly from its float vector. The combined score is
 * {@code 0.9 × similarity + 0.1 × keyword}, where {@code keyword} is 1 for the best keyword hit falling
 * linearly to 0 below the last one (common words such as "the" or "what" are not matched). Meaning
 * dominates, so a paraphrase beats a distractor that only shares words (shared words already raise the
 * distractor's similarity), while exact terms (a source id, a name) still lift a hit among similar ones. An item without a vector of the current
 * model (not yet re-embedded) gets {@code similarity ≈ 0.5 × keyword}. If the query itself cannot be
 * embedded (Ollama down), the search is keyword-only rather than failing.
 */
final class Recall {

    static final double SEMANTIC_WEIGHT = 0.9;
    static final double KEYWORD_WEIGHT = 0.1;
    private static final Logger LOG = Logger.getLogger(Recall.class.getName());

    private final Database db;
    private final Embedder embedder;
    private final VectorIndex index;
    private final Runnable embedderWorks;

    /** {@code embedderWorks} runs after each query embedded successfully (the embedder may have recovered). */
    Recall(Database db, Embedder embedder, VectorIndex index, Runnable embedderWorks) {
        this.db = db;
        this.embedder = embedder;
        this.index = index;
        this.embedderWorks = embedderWorks;
    }

    private record Key(byte kind, long seq) {}

    private static final class Scored {
        @Nullable
        Double similarity;

        double keyword;
        double score;
    }

    List<RecallHit> search(RecallQuery q) {
        int kinds = 0;
        if (q.kinds().isEmpty() || q.kinds().contains(MemoryTables.OBSERVATION)) {
            kinds |= 1 << VectorIndex.OBSERVATION;
        }
        if ((q.kinds().isEmpty() || q.kinds().contains(MemoryTables.MEMORY)) && q.type() == null) {
            kinds |= 1 << VectorIndex.MEMORY; // memories have no type: a type filter admits observations only
        }
        VectorIndex.Filter filter = new VectorIndex.Filter(
                kinds,
                q.type(),
                q.since() == null ? Long.MIN_VALUE : q.since().toEpochMilli(),
                q.node(),
                q.includeInactive());
        int pool = Math.max(30, q.limit() * 3);
        float[] qv = embedQuery(q.query());
        Map<Key, Scored> found = new LinkedHashMap<>();
        if (qv != null) {
            for (var c : index.top(qv, pool, filter)) {
                found.computeIfAbsent(new Key(c.kind(), c.seq()), k -> new Scored());
            }
        }
        int finalKinds = kinds;
        db.read(c -> {
            for (byte kind : new byte[] {VectorIndex.OBSERVATION, VectorIndex.MEMORY}) {
                if ((finalKinds & (1 << kind)) == 0) {
                    continue;
                }
                List<Long> hits = MemoryTables.keyword(c, name(kind), q.query(), filter, pool);
                for (int rank = 0; rank < hits.size(); rank++) {
                    found.computeIfAbsent(new Key(kind, hits.get(rank)), k -> new Scored()).keyword =
                            1.0 - (double) rank / hits.size();
                }
            }
            if (qv != null) {
                for (byte kind : new byte[] {VectorIndex.OBSERVATION, VectorIndex.MEMORY}) {
                    List<Long> seqs = found.keySet().stream()
                            .filter(k -> k.kind() == kind)
                            .map(Key::seq)
                            .toList();
                    var vectors = MemoryTables.vectors(c, name(kind), seqs, embedder.model());
                    vectors.forEach((seq, v) -> found.get(new Key(kind, seq)).similarity = Vectors.dot(qv, v));
                }
            }
            return null;
        });
        for (Scored s : found.values()) {
            double sim = s.similarity != null ? s.similarity : 0.5 * s.keyword;
            s.score = SEMANTIC_WEIGHT * sim + KEYWORD_WEIGHT * s.keyword;
        }
        List<Map.Entry<Key, Scored>> ranked = new ArrayList<>(found.entrySet());
        ranked.sort(Comparator.comparingDouble((Map.Entry<Key, Scored> e) -> e.getValue().score)
                .reversed());
        List<Map.Entry<Key, Scored>> top = ranked.subList(0, Math.min(q.limit(), ranked.size()));
        return db.read(c -> {
            List<RecallHit> out = new ArrayList<>(top.size());
            for (var e : top) {
                Key k = e.getKey();
                Scored s = e.getValue();
                double score = round(s.score);
                Double sim = s.similarity == null ? null : round(s.similarity);
                if (k.kind() == VectorIndex.OBSERVATION) {
                    MemoryTables.observation(c, k.seq())
                            .ifPresent(r -> out.add(RecallHit.of(r.item().withScore(score), score, sim)));
                } else {
                    MemoryTables.memory(c, k.seq())
                            .ifPresent(r -> out.add(RecallHit.of(r.item().withScore(score), score, sim)));
                }
            }
            return out;
        });
    }

    private float @Nullable [] embedQuery(String text) {
        try {
            float[] v = embedder.embed(List.of(text)).getFirst();
            embedderWorks.run();
            return v;
        } catch (MemoryException e) {
            LOG.log(Level.FINE, "the query could not be embedded; searching by keyword only", e);
            return null;
        }
    }

    private static String name(byte kind) {
        return kind == VectorIndex.MEMORY ? MemoryTables.MEMORY : MemoryTables.OBSERVATION;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    static List<Observation> observations(List<RecallHit> hits) {
        List<Observation> out = new ArrayList<>();
        for (RecallHit h : hits) {
            if (h.observation() != null) {
                out.add(h.observation());
            }
        }
        return out;
    }

    static List<Memory> memories(List<RecallHit> hits) {
        List<Memory> out = new ArrayList<>();
        for (RecallHit h : hits) {
            if (h.memory() != null) {
                out.add(h.memory());
            }
        }
        return out;
    }
}
