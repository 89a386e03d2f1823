package io.smollama.node.sync;

import io.smollama.node.memory.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A deterministic embedder for sync tests: each distinct text gets its own random unit vector (seeded by
 * the text), so equal texts are duplicates (cosine 1) and different ones almost orthogonal.
 */
final class HashEmbedder implements Embedder {

    static final int DIMENSIONS = 64;

    @Override
    public String model() {
        return "test:hash";
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<float[]> out = new ArrayList<>();
        for (String t : texts) {
            Random r = new Random(t.hashCode());
            float[] v = new float[DIMENSIONS];
            double norm = 0;
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) r.nextGaussian();
                norm += v[i] * v[i];
            }
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (v[i] / Math.sqrt(norm));
            }
            out.add(v);
        }
        return out;
    }

    @Override
    public EmbedderState state() {
        return EmbedderState.ready("hash vectors for tests");
    }
}
