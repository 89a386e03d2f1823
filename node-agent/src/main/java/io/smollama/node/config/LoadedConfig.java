package io.smollama.node.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Configuration that passed validation: the typed settings, where they came from, and the warnings
 * worth showing at start (environment variables that set nothing).
 */
public final class LoadedConfig {

    private final TreeSettings settings;
    private final List<Path> files;
    private final List<String> warnings;
    private final ConfigPaths paths;

    LoadedConfig(TreeSettings settings, List<Path> files, List<String> warnings, ConfigPaths paths) {
        this.settings = settings;
        this.files = List.copyOf(files);
        this.warnings = List.copyOf(warnings);
        this.paths = paths;
    }

    /** The root settings; sections are {@code settings().section("http")} or dotted keys. */
    public Settings settings() {
        return settings;
    }

    /** The files read, main file first; empty when only defaults apply. */
    public List<Path> files() {
        return files;
    }

    /** Things that are not errors but likely mistakes, one sentence each. */
    public List<String> warnings() {
        return warnings;
    }

    /** Every setting with its value and origin, secrets masked: what {@code config check} prints. */
    public EffectiveConfig effective() {
        return EffectiveConfig.of(settings, files, warnings);
    }

    /** A path written in configuration made absolute: {@code ~} is home, relative is against the config file's directory. */
    public Path resolvePath(String written) {
        return paths.resolve(written);
    }
}
