package io.smollama.node.plugin;

import io.smollama.node.config.Settings;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What a plugin is handed at start: its own validated config section, the node's name, a clock
 * (inject a fixed one in tests), and a directory where it may keep files.
 */
public record PluginContext(String nodeName, Settings settings, Clock clock, Path dataDirectory) {}
