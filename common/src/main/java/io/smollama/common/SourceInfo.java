package io.smollama.common;

import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A source a node samples: where it comes from, how often, and its latest reading if any. */
public record SourceInfo(
        String source,
        String plugin,
        String kind,
        @Nullable String unit,
        @Nullable String description,
        Duration interval,
        Map<String, String> metadata,
        @Nullable Reading latest) {

    public SourceInfo {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
