package io.smollama.node.config;

import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What configuration to load and the process surroundings it depends on. Everything the loader would
 * otherwise take from the process (working directory, home directory, environment) is passed in, so
 * tests can load configuration without touching the real machine.
 *
 * @param explicitFile the file given with {@code -c PATH}, or null to look in the usual places
 * @param workingDirectory where {@code ./smollama.yaml} is looked for and relative {@code -c} paths start
 * @param homeDirectory where {@code ~/.smollama/smollama.yaml} is looked for and {@code ~} expands to
 * @param environment the environment variables; only {@code SMOLLAMA_*} ones are used
 */
public record ConfigRequest(
        @Nullable Path explicitFile, Path workingDirectory, Path homeDirectory, Map<String, String> environment) {

    /** The file name looked for in the working directory and in {@code ~/.smollama}. */
    public static final String FILE_NAME = "smollama.yaml";

    public ConfigRequest {
        workingDirectory = workingDirectory.toAbsolutePath().normalize();
        homeDirectory = homeDirectory.toAbsolutePath().normalize();
        environment = Map.copyOf(environment);
    }

    /** A request for this process: its working directory, {@code user.home} and {@code System.getenv()}. */
    public static ConfigRequest forThisProcess(@Nullable Path explicitFile) {
        return new ConfigRequest(
                explicitFile, Path.of("").toAbsolutePath(), Path.of(System.getProperty("user.home")), System.getenv());
    }
}
