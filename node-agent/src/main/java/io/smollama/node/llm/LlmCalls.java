package io.smollama.node.llm;

/**
 * Told about every call to the language model once it ends, so the node can expose how long calls take and
 * how often they fail ({@code /metrics}) without the LLM client knowing about metrics.
 */
@FunctionalInterface
public interface LlmCalls {

    /** Ignores every call. */
    LlmCalls NONE = (operation, nanos, failed) -> {};

    /**
     * One call ended. {@code operation} is {@code complete} (a one-shot completion: the observation loop) or
     * {@code chat} (a streamed round with tools: the agent); {@code failed} when it brought no answer.
     */
    void ended(String operation, long nanos, boolean failed);
}
