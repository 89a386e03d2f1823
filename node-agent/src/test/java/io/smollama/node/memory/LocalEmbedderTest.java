package io.smollama.node.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.node.testsupport.SharedEmbedder;
import org.junit.jupiter.api.Test;

/** The in-process all-MiniLM-L6-v2 embedder (no network). */
class LocalEmbedderTest extends EmbedderContract {

    @Override
    Embedder embedder() {
        return SharedEmbedder.get();
    }

    @Test
    void itIsTheLocalMiniLmModelWith384Dimensions() {
        assertThat(embedder().model()).isEqualTo("local:all-MiniLM-L6-v2");
        assertThat(embedder().dimensions()).isEqualTo(384);
    }
}
