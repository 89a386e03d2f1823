package io.smollama.node.llm;

/**
 * What the node knows about its LLM: whether the server answered, whether the configured model is
 * there, and a sentence for people ({@code detail}, never containing secrets).
 */
public record LlmStatus(boolean reachable, boolean modelPresent, String model, String detail) {

    /** True when a completion can be attempted. */
    public boolean usable() {
        return reachable && modelPresent;
    }
}
