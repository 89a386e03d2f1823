package io.smollama.node.bench;

import io.smollama.common.Memory;
import io.smollama.common.Observation;
import io.smollama.node.memory.Embedder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Realistic-looking synthetic memory for the recall benchmark, without spending hours embedding 100,000
 * texts. Texts are sensor sentences built from 64 topics (a source and its vocabulary) with varied verbs,
 * numbers and times, so FTS5 sees natural word overlap. Vectors imitate sentence embeddings: each topic has
 * a random 384-dimensional centroid, and a text's vector is its topic's centroid plus per-text noise
 * (seeded by the text, so the same text always gets the same vector), normalised. That gives the clustered,
 * anisotropic neighbourhoods real MiniLM vectors have (near neighbours at cosine 0.6–0.8, other topics near
 * 0), which is what makes a top-k scan and its candidate rescoring realistic.
 */
final class SyntheticCorpus {

    static final int DIMS = 384;
    static final int TOPICS = 64;
    private static final String[] SOURCES = {
        "cpu_temp",
        "load_1m",
        "memory_used",
        "disk_used",
        "greenhouse_temp",
        "soil_moisture",
        "humidity",
        "door",
        "fan",
        "light_level",
        "co2",
        "rain_gauge"
    };
    private static final String[] VERBS = {
        "rises", "falls", "spikes", "stays flat", "oscillates", "drifts up", "drops sharply", "recovers"
    };
    private static final String[] WHEN = {
        "every morning",
        "after noon",
        "at night",
        "during the weekend",
        "when the sun is up",
        "after rain",
        "while the fan runs",
        "on busy afternoons"
    };
    private static final String[] TYPES = {"pattern", "anomaly", "status", "summary", "general"};

    private final float[][] centroids = new float[TOPICS][DIMS];

    SyntheticCorpus(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (float[] c : centroids) {
            for (int i = 0; i < DIMS; i++) {
                c[i] = (float) gaussian(r);
            }
        }
    }

    String text(SplittableRandom r, int topic) {
        String source = SOURCES[topic % SOURCES.length];
        return source.replace('_', ' ') + " " + VERBS[r.nextInt(VERBS.length)] + " to " + r.nextInt(5, 99) + " "
                + WHEN[(topic / SOURCES.length + r.nextInt(3)) % WHEN.length] + " in zone " + topic;
    }

    /** {@code count} items: four observations for each memory, spread over {@code count} minutes. */
    void items(int count, long seed, Instant start, List<Observation> observations, List<Memory> memories) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            int topic = r.nextInt(TOPICS);
            String text = text(r, topic);
            Instant at = start.plusSeconds(60L * i);
            String id = new java.util.UUID(seed, i).toString();
            if (i % 5 == 4) {
                memories.add(new Memory(id, "bench", text, 0.7, 1, true, at, at, null));
            } else {
                observations.add(new Observation(
                        id,
                        "bench",
                        TYPES[r.nextInt(TYPES.length)],
                        text,
                        0.6,
                        List.of(),
                        "statistics",
                        at,
                        at,
                        1,
                        null));
            }
        }
    }

    /** The embedder of this corpus: topic centroid (from "zone N" in the text) plus noise seeded by the text. */
    Embedder embedder() {
        return new Embedder() {
            @Override
            public String model() {
                return "synthetic:clustered-384";
            }

            @Override
            public int dimensions() {
                return DIMS;
            }

            @Override
            public List<float[]> embed(List<String> texts) {
                List<float[]> out = new ArrayList<>(texts.size());
                for (String t : texts) {
                    out.add(vector(t));
                }
                return out;
            }

            @Override
            public EmbedderState state() {
                return EmbedderState.ready("synthetic clustered vectors");
            }
        };
    }

    private float[] vector(String text) {
        int zone = text.lastIndexOf("zone ");
        int topic = 0;
        if (zone >= 0) {
            try {
                topic = Integer.parseInt(text.substring(zone + 5).trim()) % TOPICS;
            } catch (NumberFormatException e) {
                topic = Math.floorMod(text.hashCode(), TOPICS);
            }
        } else {
            topic = Math.floorMod(text.hashCode(), TOPICS);
        }
        SplittableRandom r = new SplittableRandom(text.hashCode());
        float[] c = centroids[topic];
        float[] v = new float[DIMS];
        double norm = 0;
        for (int i = 0; i < DIMS; i++) {
            v[i] = c[i] + (float) (0.8 * gaussian(r));
            norm += (double) v[i] * v[i];
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < DIMS; i++) {
            v[i] *= inv;
        }
        return v;
    }

    private static double gaussian(SplittableRandom r) {
        double u = r.nextDouble(Double.MIN_VALUE, 1);
        double w = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
    }
}
