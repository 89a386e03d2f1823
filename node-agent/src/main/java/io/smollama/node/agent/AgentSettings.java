package io.smollama.node.agent;

import io.smollama.node.config.Durations;
import io.smollama.node.config.Settings;
import java.time.Duration;

/**
 * The {@code ollama} and {@code agent} sections (and {@code memory.embedder}, which decides whether
 * {@code models pull} also pulls the embedding model), as the agent package uses them.
 */
public record AgentSettings(
        String ollamaUrl,
        String model,
        String embeddingModel,
        boolean ollamaEmbeddings,
        int keepAliveSeconds,
        Duration connectTimeout,
        Duration timeout,
        int maxIterations,
        Fallback fallback,
        int retries,
        Duration retryBackoff,
        Duration queueCheckInterval) {

    /** What happens to a question when the LLM cannot answer. */
    public enum Fallback {
        SKIP,
        QUEUE
    }

    /** Reads the settings from the root of a validated configuration. */
    public static AgentSettings from(Settings root) {
        Settings ollama = root.section("ollama");
        Settings agent = root.section("agent");
        String url = ollama.string("url");
        return new AgentSettings(
                url.endsWith("/") ? url.substring(0, url.length() - 1) : url,
                ollama.string("model"),
                ollama.string("embedding_model"),
                root.string("memory.embedder").equals("ollama"),
                keepAlive(ollama.string("keep_alive")),
                ollama.duration("connect_timeout"),
                ollama.duration("timeout"),
                Math.toIntExact(agent.integer("max_iterations")),
                agent.string("fallback").equals("queue") ? Fallback.QUEUE : Fallback.SKIP,
                Math.toIntExact(agent.integer("retries")),
                agent.duration("retry_backoff"),
                agent.duration("queue_check_interval"));
    }

    /**
     * Ollama's {@code keep_alive} in seconds: a duration ({@code 5m}, {@code PT1H}) or a number of
     * seconds; a negative number keeps the model loaded for ever. Unparseable text falls back to 5 minutes.
     */
    static int keepAlive(String text) {
        String t = text.strip();
        if (t.matches("-?\\d+")) {
            return Integer.parseInt(t);
        }
        return Durations.parse(t)
                .map(d -> (int) Math.min(Integer.MAX_VALUE, d.toSeconds()))
                .orElse(300);
    }
}
