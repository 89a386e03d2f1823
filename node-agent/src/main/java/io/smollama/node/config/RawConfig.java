package io.smollama.node.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Configuration as read from its files and environment, not yet checked against a schema. It exists
 * because the schema is not known up front: plugins add their sections, and where plugins are found
 * is itself configured. So the agent reads first, {@linkplain #peek peeks} at the few keys it needs
 * to discover plugins, builds the full schema, then {@linkplain #validate validates}.
 */
public final class RawConfig {

    private final RawValue.Mapping tree;
    private final List<Path> files;
    private final @Nullable Path baseDirectory;
    private final ConfigPaths paths;
    private final Map<String, String> environment;
    private final Problems readProblems;

    RawConfig(
            RawValue.Mapping tree,
            List<Path> files,
            @Nullable Path baseDirectory,
            ConfigPaths paths,
            Map<String, String> environment,
            Problems readProblems) {
        this.tree = tree;
        this.files = List.copyOf(files);
        this.baseDirectory = baseDirectory;
        this.paths = paths;
        this.environment = Map.copyOf(environment);
        this.readProblems = readProblems;
    }

    /**
     * The text of a scalar setting, such as {@code peek("plugins.dir")}, with its environment override
     * applied; empty when it is not given, empty, or not a single value (validation reports that later).
     */
    public Optional<String> peek(String dottedKey) {
        String fromEnv = environment.get(EnvOverrides.variableFor(dottedKey));
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(fromEnv);
        }
        return tree.at(RawValue.steps(dottedKey)) instanceof RawValue.Scalar s
                        && !s.isNull()
                        && !s.text().isBlank()
                ? Optional.of(s.text())
                : Optional.empty();
    }

    /** A path setting as {@link #peek} finds it, resolved like {@link NodeConfig} resolves paths. */
    public Optional<Path> peekPath(String dottedKey) {
        return peek(dottedKey).map(paths::resolve);
    }

    Path resolvePath(String written) {
        return paths.resolve(written);
    }

    /** Checks everything read against the full schema; throws {@link ConfigException} listing every problem. */
    public LoadedConfig validate(ConfigSpec root) {
        Problems problems = new Problems();
        problems.addAll(readProblems);
        EnvOverrides.Applied applied = EnvOverrides.apply(tree, root, environment, problems);
        TreeSettings settings = Validator.validate(applied.tree(), root, problems, baseDirectory);
        problems.throwIfAny();
        return new LoadedConfig(settings, files, applied.warnings(), paths);
    }

    /** The files read, main file first; empty when only defaults apply. */
    public List<Path> files() {
        return files;
    }

    /** The directory of the main config file; empty when no file was found. */
    public Optional<Path> baseDirectory() {
        return Optional.ofNullable(baseDirectory);
    }

    /** Problems found while reading (malformed YAML, duplicate keys); {@link #validate} reports them too. */
    public List<ConfigProblem> problems() {
        return readProblems.sorted();
    }
}
