package io.smollama.desktop.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsolePathsTest {

    @Test
    void linuxUsesXdgConfigHomeOrDotConfig() {
        assertThat(ConsolePaths.defaultDir("Linux", "/home/u", Map.of()))
                .isEqualTo(Path.of("/home/u/.config/smollama"));
        assertThat(ConsolePaths.defaultDir("Linux", "/home/u", Map.of("XDG_CONFIG_HOME", "/x")))
                .isEqualTo(Path.of("/x/smollama"));
    }

    @Test
    void macAndWindowsUseTheirApplicationDataFolders() {
        assertThat(ConsolePaths.defaultDir("Mac OS X", "/Users/u", Map.of()))
                .isEqualTo(Path.of("/Users/u/Library/Application Support/Smollama"));
        assertThat(ConsolePaths.defaultDir("Windows 11", "C:/Users/u", Map.of("APPDATA", "C:/Users/u/AppData/Roaming")))
                .isEqualTo(Path.of("C:/Users/u/AppData/Roaming", "Smollama"));
    }

    @Test
    void anOverrideWins() {
        assertThat(ConsolePaths.configDir(Path.of("/tmp/c"))).isEqualTo(Path.of("/tmp/c"));
    }
}
