package io.smollama.node.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smollama.node.testsupport.SharedEmbedder;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Ollama embedder against a loopback server speaking Ollama's /api/embed. */
class OllamaEmbedderIT extends EmbedderContract {

    static OllamaEmbedServer server;
    static OllamaEmbedder embedder;

    @BeforeAll
    static void start() throws Exception {
        server = new OllamaEmbedServer("all-minilm:l6-v2", SharedEmbedder.get());
        embedder = new OllamaEmbedder(server.uri(), "all-minilm:l6-v2", Duration.ofSeconds(2), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        embedder.close();
        server.close();
    }

    @Override
    Embedder embedder() {
        return embedder;
    }

    @Test
    void theModelIdNamesOllamaAndTheModel() {
        assertThat(embedder.model()).isEqualTo("ollama:all-minilm:l6-v2");
    }

    @Test
    void anUnknownModelIsAMemoryExceptionWithOllamasReason() {
        try (var other =
                new OllamaEmbedder(server.uri(), "nomic-embed-text", Duration.ofSeconds(2), Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> other.embed(List.of("x")))
                    .isInstanceOf(MemoryException.class)
                    .hasMessageContaining("404")
                    .hasMessageContaining("not found, try pulling it first");
            assertThat(other.state().phase()).isEqualTo(Embedder.EmbedderState.Phase.FAILED);
        }
    }

    @Test
    void anUnreachableServerIsAMemoryException() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (var down = new OllamaEmbedder(
                URI.create("http://127.0.0.1:" + port),
                "all-minilm:l6-v2",
                Duration.ofSeconds(1),
                Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> down.embed(List.of("x")))
                    .isInstanceOf(MemoryException.class)
                    .hasMessageContaining("cannot be reached");
            assertThat(down.state().phase()).isEqualTo(Embedder.EmbedderState.Phase.FAILED);
        }
    }

    @Test
    void aZeroVectorIsRefusedNeverStored() {
        try (var fresh =
                new OllamaEmbedder(server.uri(), "all-minilm:l6-v2", Duration.ofSeconds(2), Duration.ofSeconds(5))) {
            server.zeroVectors = true;
            assertThatThrownBy(() -> fresh.embed(List.of("x")))
                    .isInstanceOf(MemoryException.class)
                    .hasMessageContaining("zero");
        } finally {
            server.zeroVectors = false;
        }
    }
}
