package io.smollama.node.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Finds, reads and layers the configuration files. The main file is {@code -c PATH} when given (a
 * missing or unreadable one is an error, never a silent fall back to defaults), else
 * {@code ./smollama.yaml}, else {@code ~/.smollama/smollama.yaml}, else none: defaults only. An
 * overlay beside it ({@code smollama.local.yaml} for {@code smollama.yaml}) is merged on top, and
 * environment overrides on top of that.
 */
public final class ConfigLoader {

    private ConfigLoader() {}

    /** Reads, validates and returns the configuration; throws {@link ConfigException} listing every problem. */
    public static LoadedConfig load(ConfigRequest request, ConfigSpec root) {
        return read(request).validate(root);
    }

    /**
     * Finds and reads the files without a schema, so that {@link RawConfig#peek} can find the plugins
     * before the full schema is known. Throws {@link ConfigException} when a file that should be read
     * cannot be; problems inside files are kept for {@link RawConfig#validate} to report with the rest.
     */
    public static RawConfig read(ConfigRequest request) {
        ConfigPaths fromWorkingDir = new ConfigPaths(request.homeDirectory(), request.workingDirectory());
        Problems problems = new Problems();
        Optional<Path> main = mainFile(request, fromWorkingDir, problems);
        problems.throwIfAny();

        Map<String, String> environment = request.environment().entrySet().stream()
                .filter(e -> e.getKey().startsWith(EnvOverrides.PREFIX))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        if (main.isEmpty()) {
            return new RawConfig(
                    RawValue.Mapping.empty(Origin.DEFAULT), List.of(), null, fromWorkingDir, environment, problems);
        }
        Path mainFile = main.get();
        Path baseDirectory = mainFile.getParent();
        List<Path> files = new ArrayList<>(List.of(mainFile));
        Problems contentProblems = new Problems();
        RawValue.Mapping tree = parse(mainFile, Origin.MAIN_FILE, problems, contentProblems);
        Path overlay = overlayFor(mainFile);
        if (Files.exists(overlay)) {
            files.add(overlay);
            tree = tree.mergedWith(parse(overlay, Origin.OVERLAY, problems, contentProblems));
        }
        problems.throwIfAny();
        return new RawConfig(
                tree,
                files,
                baseDirectory,
                new ConfigPaths(request.homeDirectory(), baseDirectory),
                environment,
                contentProblems);
    }

    /** {@code smollama.yaml} → {@code smollama.local.yaml}; {@code node.yml} → {@code node.local.yml}. */
    static Path overlayFor(Path mainFile) {
        String name = mainFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 ? name.substring(dot) : "";
        boolean yaml = extension.equalsIgnoreCase(".yaml") || extension.equalsIgnoreCase(".yml");
        String overlay = yaml ? name.substring(0, dot) + ".local" + extension : name + ".local.yaml";
        return mainFile.resolveSibling(overlay);
    }

    private static Optional<Path> mainFile(ConfigRequest request, ConfigPaths fromWorkingDir, Problems problems) {
        Path explicit = request.explicitFile();
        if (explicit != null) {
            Path file = fromWorkingDir.resolve(explicit.toString());
            if (!Files.exists(file)) {
                problems.add(
                        new Origin(file.toString(), 0, Origin.MAIN_FILE),
                        "",
                        "the config file given with -c does not exist");
            }
            return Optional.of(file);
        }
        for (Path candidate : List.of(
                request.workingDirectory().resolve(ConfigRequest.FILE_NAME),
                request.homeDirectory().resolve(".smollama").resolve(ConfigRequest.FILE_NAME))) {
            if (Files.exists(candidate)) {
                return Optional.of(candidate.toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }

    /** Parses one file; an unreadable file goes to {@code ioProblems}, what is wrong inside it to {@code contentProblems}. */
    private static RawValue.Mapping parse(Path file, int rank, Problems ioProblems, Problems contentProblems) {
        Origin fileOrigin = new Origin(file.getFileName().toString(), 0, rank);
        @Nullable String text = readText(file, rank, ioProblems);
        return text == null
                ? RawValue.Mapping.empty(fileOrigin)
                : YamlReader.readDocument(text, fileOrigin, contentProblems);
    }

    private static @Nullable String readText(Path file, int rank, Problems problems) {
        Origin where = new Origin(file.toString(), 0, rank);
        if (Files.isDirectory(file)) {
            problems.add(where, "", "is a directory, not a config file");
            return null;
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            problems.add(where, "", "the config file does not exist");
        } catch (AccessDeniedException e) {
            problems.add(where, "", "cannot be read: permission denied");
        } catch (CharacterCodingException e) {
            problems.add(where, "", "is not UTF-8 text");
        } catch (IOException e) {
            problems.add(where, "", "cannot be read: " + e.getMessage());
        }
        return null;
    }
}
