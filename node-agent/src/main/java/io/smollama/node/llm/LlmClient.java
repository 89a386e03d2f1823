package io.smollama.node.llm;

/**
 * The node's language model as the observation loop uses it: one prompt in, one completion out.
 * Implemented over Ollama by the agent package; a statistical fallback takes over when
 * {@link #status()} says the model cannot answer.
 */
public interface LlmClient {

    /**
     * Completes {@code prompt} under {@code system}; when {@code json} is true the model is asked for a
     * single JSON object (Ollama's {@code format: json}). Throws {@link LlmUnavailableException} when
     * the server cannot be reached or has no such model.
     */
    String complete(String system, String prompt, boolean json);

    /** Whether the server answers and the configured model is present; cheap (cached briefly). */
    LlmStatus status();
}
