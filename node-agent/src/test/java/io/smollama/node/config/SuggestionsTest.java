package io.smollama.node.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    @Test
    void swappedLettersCountAsOneTypo() {
        assertThat(Suggestions.distance("prot", "port")).isEqualTo(1);
        assertThat(Suggestions.closest("prot", List.of("host", "port"))).contains("port");
    }

    @Test
    void farOffWordsGetNoSuggestion() {
        assertThat(Suggestions.closest("mqtt", List.of("node", "http", "storage")))
                .isEmpty();
    }
}
