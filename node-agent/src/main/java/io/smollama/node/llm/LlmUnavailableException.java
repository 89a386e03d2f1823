package io.smollama.node.llm;

/** The LLM could not answer: the server is unreachable, the model is missing, or the call timed out. */
public final class LlmUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LlmUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public LlmUnavailableException(String message) {
        super(message);
    }
}
