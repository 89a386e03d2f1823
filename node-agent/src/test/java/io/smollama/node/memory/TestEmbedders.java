package io.smollama.node.memory;

import java.util.List;

/** Embedder stand-ins for tests: one that always fails, one that renames a real model, one that can be paused. */
final class TestEmbedders {
    private TestEmbedders() {}
}

/** Fails every call, as an unreachable Ollama would. */
final class BrokenEmbedder implements Embedder {
    @Override
    public String model() {
        return "test:broken";
    }

    @Override
    public int dimensions() {
        return 0;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        throw new MemoryException("test embedder is broken");
    }

    @Override
    public EmbedderState state() {
        return new EmbedderState(EmbedderState.Phase.FAILED, "broken on purpose");
    }
}

/** The real local model under another model id, as if the configured model had changed. */
final class RenamedEmbedder implements Embedder {
    private final Embedder delegate;
    private final String model;

    RenamedEmbedder(Embedder delegate, String model) {
        this.delegate = delegate;
        this.model = model;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public int dimensions() {
        return delegate.dimensions();
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        return delegate.embed(texts);
    }

    @Override
    public EmbedderState state() {
        return delegate.state();
    }
}

/** Fails (like a model still loading elsewhere) until {@link #resume} is called. */
final class PausedEmbedder implements Embedder {
    private final Embedder delegate;
    private volatile boolean paused = true;

    PausedEmbedder(Embedder delegate) {
        this.delegate = delegate;
    }

    void resume() {
        paused = false;
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
        if (paused) {
            throw new MemoryException("paused");
        }
        return delegate.embed(texts);
    }

    @Override
    public EmbedderState state() {
        return delegate.state();
    }
}
