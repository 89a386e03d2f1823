package io.smollama.node.memory;

import java.util.List;

/**
 * Turns texts into vectors. Each stored vector records {@link #model()}, so vectors of different models
 * are never compared. Vectors returned are L2-normalised, one per text, in order. A failure throws
 * {@link MemoryException}; an implementation never returns a zero or placeholder vector.
 */
public interface Embedder extends AutoCloseable {

    /** Identifies the model and where it runs, e.g. {@code local:all-MiniLM-L6-v2}; stored with each vector. */
    String model();

    /** Dimensions of the vectors; 0 while not yet known (a remote model before its first answer). */
    int dimensions();

    /** Embeds {@code texts}; blocks while the model is still loading. */
    List<float[]> embed(List<String> texts);

    /** Whether the embedder can embed now, is still loading, or has failed, and why. */
    EmbedderState state();

    @Override
    default void close() {}

    /** The embedder's state for health reports. */
    record EmbedderState(Phase phase, String detail) {
        public enum Phase {
            LOADING,
            READY,
            FAILED
        }

        public static EmbedderState ready(String detail) {
            return new EmbedderState(Phase.READY, detail);
        }
    }
}
