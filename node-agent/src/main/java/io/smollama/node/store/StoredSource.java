package io.smollama.node.store;

import io.smollama.common.Reading;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the store knows about one source: its description as of its newest reading, how many raw readings
 * it holds, and that newest reading.
 *
 * @param kind {@code numeric} or {@code text}
 */
public record StoredSource(
        String source,
        String node,
        String kind,
        @Nullable String unit,
        Map<String, String> metadata,
        long readings,
        @Nullable Reading latest) {

    public StoredSource {
        metadata = Map.copyOf(metadata);
    }
}
