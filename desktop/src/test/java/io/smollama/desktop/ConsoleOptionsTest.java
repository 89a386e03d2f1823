package io.smollama.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleOptionsTest {

    @Test
    void defaultsToTheLocalNode() {
        ConsoleOptions o = ConsoleOptions.parse(List.of());
        assertThat(o.node()).hasToString("http://127.0.0.1:8080");
        assertThat(o.dark()).isFalse();
    }

    @Test
    void takesNodeTokenAndTheme() {
        ConsoleOptions o = ConsoleOptions.parse(List.of("--node", "http://pi4.local:9000", "--token", "t", "--dark"));
        assertThat(o.node()).hasToString("http://pi4.local:9000");
        assertThat(o.token()).isEqualTo("t");
        assertThat(o.dark()).isTrue();
    }

    @Test
    void rejectsUnknownOptionsAndNonHttpUrlsWithAClearMessage() {
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--colour")))
                .hasMessageContaining("--colour")
                .hasMessageContaining("--node");
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--node", "ftp://x")))
                .hasMessageContaining("http");
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--node"))).hasMessageContaining("needs a value");
    }
}
