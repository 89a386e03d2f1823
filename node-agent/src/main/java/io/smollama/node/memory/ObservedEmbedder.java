package io.smollama.node.memory;

import java.util.List;

/**
 * An embedder that tells a listener how long each {@link #embed} call took and whether it failed, so the
 * node can expose embedding latency ({@code /metrics}) for whichever embedder runs. Otherwise it is the
 * embedder it wraps: same model, dimensions, state and close.
 */
public final class ObservedEmbedder implements Embedder {

    /** Told about each embedding call once it ends. */
    @FunctionalInterface
    public interface Listener {
        void ended(int texts, long nanos, boolean failed);
    }

    private final Embedder delegate;
    private final Listener listener;

    public ObservedEmbedder(Embedder delegate, Listener listener) {
        this.delegate = delegate;
        this.listener = listener;
    }

    @Override
    public String model() {
        return delegate.model();
    }

    @Override
    public int dimensions() {
        return delegate.dimensions();
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        long start = System.nanoTime();
        boolean failed = true;
        try {
            List<float[]> vectors = delegate.embed(texts);
            failed = false;
            return vectors;
        } finally {
            listener.ended(texts.size(), System.nanoTime() - start, failed);
        }
    }

    @Override
    public EmbedderState state() {
        return delegate.state();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
