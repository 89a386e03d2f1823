package io.smollama.common;

import java.time.Instant;
import java.util.Map;

/**
 * What {@code GET /api/health} answers. {@code status} is {@code ok} when every component is up,
 * {@code degraded} when some are degraded or down but the node serves, {@code down} otherwise.
 */
public record Health(
        String status,
        String node,
        String role,
        String version,
        Instant startedAt,
        long uptimeSeconds,
        Map<String, ComponentHealth> components,
        Map<String, Long> counts,
        Map<String, String> build) {

    public Health {
        components = Map.copyOf(components);
        counts = Map.copyOf(counts);
        build = Map.copyOf(build);
    }
}
