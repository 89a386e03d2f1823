package io.smollama.node.memory;

/** A memory operation failed (e.g. the embedder could not embed the text); nothing was stored. */
public final class MemoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MemoryException(String message, Throwable cause) {
        super(message, cause);
    }

    public MemoryException(String message) {
        super(message);
    }
}
