package io.smollama.node.plugin;

import io.smollama.common.Reading;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A source a sensor plugin offers: its type and id (full id {@code type:id}), unit, whether it gives
 * numbers or text, how often the sampler reads it, and metadata copied into every reading.
 */
public record SourceSpec(
        String type,
        String id,
        @Nullable String unit,
        boolean numeric,
        Duration interval,
        String description,
        Map<String, String> metadata) {

    public SourceSpec {
        Reading.checkSourceType(type);
        Reading.checkSourceId(id);
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("source " + type + ":" + id + " needs a positive interval");
        }
        metadata = Map.copyOf(metadata);
    }

    public String source() {
        return type + ":" + id;
    }
}
