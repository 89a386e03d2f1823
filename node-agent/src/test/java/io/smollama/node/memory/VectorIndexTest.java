package io.smollama.node.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The in-memory index: filters before the cut, removal, and the quality of its quantised search (seeded). */
class VectorIndexTest {

    static final int DIMS = 384;
    static final VectorIndex.Filter ALL =
            new VectorIndex.Filter(VectorIndex.Filter.BOTH, null, Long.MIN_VALUE, null, true);

    /** Clustered unit vectors, like sentence embeddings: 64 topic centroids plus noise. */
    static List<float[]> clustered(SplittableRandom r, int count) {
        float[][] centroids = new float[64][DIMS];
        for (float[] c : centroids) {
            for (int i = 0; i < DIMS; i++) {
                c[i] = (float) r.nextGaussian();
            }
        }
        List<float[]> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            float[] c = centroids[r.nextInt(64)];
            float[] v = new float[DIMS];
            for (int i = 0; i < DIMS; i++) {
                v[i] = c[i] + (float) (0.8 * r.nextGaussian());
            }
            out.add(Vectors.normalised(v));
        }
        return out;
    }

    static VectorIndex.Entry obs(long seq, String type, long created, String node) {
        return new VectorIndex.Entry(VectorIndex.OBSERVATION, seq, type, created, node, true);
    }

    @Test
    void aFilteredSearchReturnsNItemsWhenNPassTheFilterHoweverManyCloserItemsFail() {
        SplittableRandom r = new SplittableRandom(11);
        List<float[]> vs = clustered(r, 2_000);
        VectorIndex index = new VectorIndex();
        for (int i = 0; i < vs.size(); i++) {
            index.put(obs(i, i % 100 == 0 ? "anomaly" : "status", i, "n1"), vs.get(i));
        }

        var filter = new VectorIndex.Filter(1 << VectorIndex.OBSERVATION, "anomaly", 500, "n1", false);
        var hits = index.top(vs.get(0), 10, filter);

        assertThat(hits)
                .hasSize(10)
                .allSatisfy(h -> assertThat(h.seq() % 100).isZero())
                .allSatisfy(h -> assertThat(h.seq()).isGreaterThanOrEqualTo(500));
    }

    @Test
    void removingAnItemKeepsEveryOtherItemFindable() {
        SplittableRandom r = new SplittableRandom(5);
        List<float[]> vs = clustered(r, 100);
        VectorIndex index = new VectorIndex();
        for (int i = 0; i < vs.size(); i++) {
            index.put(obs(i, "status", i, "n1"), vs.get(i));
        }

        index.remove(VectorIndex.OBSERVATION, 3);

        assertThat(index.size()).isEqualTo(99);
        assertThat(index.top(vs.get(3), 100, ALL)).noneMatch(c -> c.seq() == 3).hasSize(99);
        assertThat(index.top(vs.get(99), 1, ALL).getFirst().seq()).isEqualTo(99);
    }

    @Test
    void itemsWithoutAVectorAreNeverReturnedUntilTheyGetOne() {
        VectorIndex index = new VectorIndex();
        float[] v = clustered(new SplittableRandom(1), 1).getFirst();
        index.put(obs(1, "status", 0, "n1"), null);
        index.put(obs(2, "status", 0, "n1"), v);

        assertThat(index.top(v, 10, ALL)).extracting(VectorIndex.Candidate::seq).containsExactly(2L);
        index.setVector(VectorIndex.OBSERVATION, 1, v);
        assertThat(index.top(v, 10, ALL)).hasSize(2);
        assertThat(index.withVectors()).isEqualTo(2);
    }

    @Test
    void theQuantisedCandidatePoolHoldsNearlyAllOfTheExactTop10AboveAndBelowTheShortlistThreshold() {
        for (int size : new int[] {5_000, 40_000}) {
            SplittableRandom r = new SplittableRandom(size);
            List<float[]> vs = clustered(r, size);
            VectorIndex index = new VectorIndex();
            for (int i = 0; i < size; i++) {
                index.put(obs(i, "status", i, "n1"), vs.get(i));
            }
            double overlap = 0;
            int queries = 40;
            for (int q = 0; q < queries; q++) {
                float[] query = clustered(r, 1).getFirst();
                Set<Long> exact = new HashSet<>();
                IntStream.range(0, size)
                        .boxed()
                        .sorted(Comparator.comparingDouble(i -> -Vectors.dot(query, vs.get(i))))
                        .limit(10)
                        .forEach(i -> exact.add((long) i));
                // recall rescoring takes the index's best 30 and ranks them exactly
                long found = index.top(query, 30, ALL).stream()
                        .filter(c -> exact.contains(c.seq()))
                        .count();
                overlap += found / 10.0;
            }
            double recall = overlap / queries;
            System.out.printf("exact top-10 found in the index's top-30 over %d items: %.3f%n", size, recall);
            assertThat(recall).as("recall of the top 10 at " + size + " items").isGreaterThanOrEqualTo(0.9);
        }
    }
}
