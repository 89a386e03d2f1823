package io.smollama.node.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A validated, typed view of one configuration object. Keys are relative to this object and may be
 * dotted ({@code "http.port"} at the root, {@code "port"} in the {@code http} section). Every key
 * asked for must exist in the schema; values have already been checked, so getters do not fail on
 * user input. Enum settings return their canonical word from {@link #string}.
 */
public interface Settings {

    /** The dotted path of this object from the root ({@code ""} for the root). */
    String path();

    String string(String key);

    /** The value, or empty when it is unset, null or the empty string. */
    Optional<String> optionalString(String key);

    long integer(String key);

    double decimal(String key);

    boolean bool(String key);

    Duration duration(String key);

    List<String> strings(String key);

    /** The elements of a list-of-objects setting, each validated against the element schema. */
    List<Settings> list(String key);

    /** A nested object (a section, or a plugin's section). */
    Settings section(String key);

    /** True when the value came from a file or the environment rather than the schema default. */
    boolean isSet(String key);

    /** Where the value came from: {@code smollama.yaml:12}, {@code env SMOLLAMA_HTTP_PORT}, or {@code default}. */
    String origin(String key);

    /** The file the configuration was read from, to resolve relative paths against; empty for defaults only. */
    Optional<Path> baseDirectory();
}
