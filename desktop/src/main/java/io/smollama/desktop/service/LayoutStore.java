package io.smollama.desktop.service;

import io.smollama.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Loads and saves {@link ConsoleLayout} as {@code console.json} in the console's config directory.
 * A missing or unreadable file means the defaults (an unreadable one is reported once in the log);
 * saving writes a temporary file and moves it in place.
 */
public final class LayoutStore {

    private static final Logger LOG = Logger.getLogger(LayoutStore.class.getName());

    private final Path file;

    public LayoutStore(Path configDir) {
        this.file = configDir.resolve("console.json");
    }

    public Path file() {
        return file;
    }

    public ConsoleLayout load() {
        if (!Files.exists(file)) {
            return new ConsoleLayout();
        }
        try {
            return Json.mapper().readValue(file.toFile(), ConsoleLayout.class);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot read " + file + "; starting with the default layout", e);
            return new ConsoleLayout();
        }
    }

    public void save(ConsoleLayout layout) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(".console.json.tmp");
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), layout);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot save the console layout to " + file, e);
        }
    }
}
