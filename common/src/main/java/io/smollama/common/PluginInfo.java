package io.smollama.common;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A plugin as the node sees it: its state (LOADED, RUNNING, SKIPPED, FAILED, STOPPED) and why. */
public record PluginInfo(
        String name, String kind, String state, @Nullable String reason, String origin, List<String> sources) {
    public PluginInfo {
        sources = List.copyOf(sources);
    }
}
