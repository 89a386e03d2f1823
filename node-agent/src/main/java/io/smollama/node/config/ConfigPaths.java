package io.smollama.node.config;

import java.nio.file.Path;

/**
 * Turns a path written in configuration into a real one: a leading {@code ~} is the home directory,
 * and a relative path starts at the directory of the main config file (or the working directory when
 * there is none), so a config file means the same wherever the agent is started from.
 */
record ConfigPaths(Path homeDirectory, Path baseDirectory) {

    Path resolve(String written) {
        String text = written.strip();
        Path path;
        if (text.equals("~")) {
            path = homeDirectory;
        } else if (text.startsWith("~/") || text.startsWith("~" + java.io.File.separator)) {
            path = homeDirectory.resolve(text.substring(2));
        } else {
            path = baseDirectory.resolve(text);
        }
        return path.toAbsolutePath().normalize();
    }
}
