package io.smollama.node.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A machine for config tests: a working directory and a home directory under a temp dir, an
 * environment map, and the node schema with one plugin ({@code gpio}) installed.
 */
final class ConfigFixture {

    final Path work;
    final Path home;
    final Map<String, String> env = new HashMap<>();

    ConfigFixture(Path tempDir) {
        this.work = mkdirs(tempDir.resolve("work"));
        this.home = mkdirs(tempDir.resolve("home"));
    }

    /** The gpio plugin's keys: a list of pins (objects) and a list of labels (strings). */
    static ConfigSpec gpioSpec() {
        ConfigSpec pin = ConfigSpec.builder()
                .integer("pin", 0, 0, 40, "BCM pin number")
                .enumeration("mode", "input", List.of("input", "output"), Map.of(), "Direction")
                .build();
        return ConfigSpec.builder()
                .objects("pins", pin, "Pins to use")
                .strings("labels", List.of(), "Free labels")
                .secret("api_key", "A secret of the plugin")
                .build();
    }

    static ConfigSpec schema() {
        return NodeSchema.root(Map.of("gpio", gpioSpec()), Map.of("gpio", false));
    }

    Path writeWork(String name, String yaml) {
        return write(work.resolve(name), yaml);
    }

    static Path write(Path file, String yaml) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ConfigRequest request() {
        return request(null);
    }

    ConfigRequest request(@Nullable Path explicit) {
        return new ConfigRequest(explicit, work, home, env);
    }

    LoadedConfig load() {
        return ConfigLoader.load(request(), schema());
    }

    private static Path mkdirs(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
