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
        assertThat(o.nodeGiven()).isTrue();
    }

    @Test
    void takesKioskConfigDirScreenshotsAndATokenFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path token = dir.resolve("api-token");
        java.nio.file.Files.writeString(token, "file-token\n");
        ConsoleOptions o = ConsoleOptions.parse(List.of(
                "--kiosk",
                "--kiosk-seconds",
                "30",
                "--config-dir",
                "/tmp/c",
                "--screenshots",
                "/tmp/s",
                "--token-file",
                token.toString()));
        assertThat(o.kiosk()).isTrue();
        assertThat(o.kioskSeconds()).isEqualTo(30);
        assertThat(o.configDir()).hasToString("/tmp/c");
        assertThat(o.screenshots()).hasToString("/tmp/s");
        assertThat(o.token()).isEqualTo("file-token");
        assertThat(o.nodeGiven()).isFalse();
        assertThat(o.discovery()).isTrue();
        assertThat(ConsoleOptions.parse(List.of("--no-discovery")).discovery()).isFalse();
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--kiosk-seconds", "1")))
                .hasMessageContaining("3 to 3600");
        assertThatThrownBy(() -> ConsoleOptions.parse(
                        List.of("--token-file", dir.resolve("none").toString())))
                .hasMessageContaining("cannot be read");
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
