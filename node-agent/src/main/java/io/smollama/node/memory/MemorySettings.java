package io.smollama.node.memory;

import io.smollama.node.config.Settings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The memory feature's configuration: which embedder ({@code memory.embedder}: {@code local} or
 * {@code ollama}), Ollama's address, embedding model and timeouts ({@code ollama.*}), and where the local
 * model's native libraries are unpacked ({@code <storage.path>/djl}).
 */
public record MemorySettings(
        String embedder,
        URI ollamaUrl,
        String ollamaEmbeddingModel,
        Duration connectTimeout,
        Duration timeout,
        Path nativeCache) {

    public static MemorySettings from(Settings root, Path storagePath) {
        Settings ollama = root.section("ollama");
        return new MemorySettings(
                root.string("memory.embedder"),
                URI.create(ollama.string("url")),
                ollama.string("embedding_model"),
                ollama.duration("connect_timeout"),
                ollama.duration("timeout"),
                storagePath.resolve("djl"));
    }

    /** Builds the configured embedder (the local one starts loading in the background). */
    public Embedder createEmbedder() {
        return switch (embedder) {
            case "ollama" -> new OllamaEmbedder(ollamaUrl, ollamaEmbeddingModel, connectTimeout, timeout);
            default -> LocalEmbedder.start(nativeCache);
        };
    }
}
