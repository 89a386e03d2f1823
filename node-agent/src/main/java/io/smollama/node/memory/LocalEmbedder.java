package io.smollama.node.memory;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * all-MiniLM-L6-v2 run in this process (LangChain4j's ONNX module, the model shipped inside its jar):
 * works with no network and no Ollama. The model loads on a background thread so the agent starts
 * at once; {@link #state()} says {@code LOADING} meanwhile and {@link #embed} waits for it. Embedding
 * runs on the calling thread.
 */
public final class LocalEmbedder implements Embedder {

    public static final String MODEL = "local:all-MiniLM-L6-v2";
    static final int DIMENSIONS = 384;
    private static final Logger LOG = Logger.getLogger(LocalEmbedder.class.getName());
    private static final long LOAD_WAIT_SECONDS = 120;

    private final CompletableFuture<AllMiniLmL6V2EmbeddingModel> model = new CompletableFuture<>();
    private volatile long loadMillis = -1;

    private LocalEmbedder() {}

    /**
     * Starts loading the model in the background. DJL unpacks the tokenizer's native library under
     * {@code cacheDir} (unless {@code DJL_CACHE_DIR} is already set), so a service user without a
     * writable home directory can run it.
     */
    public static LocalEmbedder start(Path cacheDir) {
        if (System.getenv("DJL_CACHE_DIR") == null && System.getProperty("DJL_CACHE_DIR") == null) {
            System.setProperty("DJL_CACHE_DIR", cacheDir.toAbsolutePath().toString());
        }
        LocalEmbedder e = new LocalEmbedder();
        Thread.ofPlatform().daemon().name("embedder-load").start(e::load);
        return e;
    }

    private void load() {
        long t0 = System.nanoTime();
        try {
            AllMiniLmL6V2EmbeddingModel m = new AllMiniLmL6V2EmbeddingModel(Runnable::run);
            m.embed("warm up"); // the first call initialises the tokenizer's native library
            loadMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            LOG.info(() -> "embedding model " + MODEL + " loaded in " + loadMillis + " ms");
            model.complete(m);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.SEVERE, "the in-process embedding model could not be loaded", e);
            model.completeExceptionally(e);
        }
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        AllMiniLmL6V2EmbeddingModel m = awaitModel();
        List<Embedding> out;
        try {
            out = m.embedAll(texts.stream().map(TextSegment::from).toList()).content();
        } catch (RuntimeException e) {
            throw new MemoryException("the in-process embedding model failed: " + e.getMessage(), e);
        }
        if (out.size() != texts.size()) {
            throw new MemoryException("the embedding model returned " + out.size() + " vectors for " + texts.size()
                    + " texts; nothing was stored");
        }
        List<float[]> vectors = new ArrayList<>(out.size());
        for (Embedding e : out) {
            vectors.add(Vectors.normalised(e.vector()));
        }
        return vectors;
    }

    private AllMiniLmL6V2EmbeddingModel awaitModel() {
        try {
            return model.get(LOAD_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new MemoryException(
                    "the in-process embedding model could not be loaded: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new MemoryException("the in-process embedding model is still loading after " + LOAD_WAIT_SECONDS
                    + " s; try again shortly");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MemoryException("interrupted while waiting for the embedding model to load", e);
        }
    }

    /** Waits until the model has loaded (or failed); for benchmarks and tests. */
    public void awaitLoaded() {
        awaitModel();
    }

    /** Milliseconds the model took to load and warm up; -1 while loading. */
    public long loadMillis() {
        return loadMillis;
    }

    @Override
    public EmbedderState state() {
        if (!model.isDone()) {
            return new EmbedderState(EmbedderState.Phase.LOADING, "loading " + MODEL);
        }
        if (model.isCompletedExceptionally()) {
            Throwable cause = model.exceptionNow();
            return new EmbedderState(EmbedderState.Phase.FAILED, MODEL + " could not be loaded: " + cause);
        }
        return EmbedderState.ready(MODEL + " (" + DIMENSIONS + " dims, loaded in " + loadMillis + " ms)");
    }
}
