package io.smollama.desktop.service;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where the console keeps its files: {@code $XDG_CONFIG_HOME/smollama} or {@code ~/.config/smollama}
 * on Linux, {@code ~/Library/Application Support/Smollama} on macOS, {@code %APPDATA%\Smollama} on
 * Windows. {@code --config-dir} overrides it (tests use a temporary directory).
 */
public final class ConsolePaths {

    private ConsolePaths() {}

    public static Path configDir(@Nullable Path override) {
        if (override != null) {
            return override;
        }
        return defaultDir(System.getProperty("os.name", ""), System.getProperty("user.home", "."), System.getenv());
    }

    static Path defaultDir(String osName, String home, Map<String, String> env) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            return appData == null || appData.isBlank()
                    ? Path.of(home, "AppData", "Roaming", "Smollama")
                    : Path.of(appData, "Smollama");
        }
        if (os.startsWith("mac")) {
            return Path.of(home, "Library", "Application Support", "Smollama");
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        return xdg == null || xdg.isBlank() ? Path.of(home, ".config", "smollama") : Path.of(xdg, "smollama");
    }
}
