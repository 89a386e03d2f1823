package io.smollama.node.health;

import io.smollama.common.ComponentHealth;
import io.smollama.common.Health;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Builds the node's {@link Health} from the components registered with it. The node is {@code ok}
 * when every component is UP or DISABLED, {@code down} when the store is DOWN (nothing is being
 * recorded), and {@code degraded} otherwise.
 */
public final class HealthReport {

    /** A part of the node that can say how it is. */
    public interface Component {
        Map<String, ComponentHealth> health();
    }

    private final String node;
    private final String role;
    private final String version;
    private final Map<String, String> build;
    private final Clock clock;
    private final Instant startedAt;
    private final List<Component> components;
    private final Supplier<Map<String, Long>> counts;

    public HealthReport(
            String node,
            String role,
            String version,
            Map<String, String> build,
            Clock clock,
            Instant startedAt,
            List<Component> components,
            Supplier<Map<String, Long>> counts) {
        this.node = node;
        this.role = role;
        this.version = version;
        this.build = Map.copyOf(build);
        this.clock = clock;
        this.startedAt = startedAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        this.components = List.copyOf(components);
        this.counts = counts;
    }

    public Health current() {
        Map<String, Long> countsNow = counts.get(); // first: reading them is what tells whether the store answers
        Map<String, ComponentHealth> all = new LinkedHashMap<>();
        for (Component c : components) {
            all.putAll(c.health());
        }
        String status = "ok";
        for (var e : all.entrySet()) {
            ComponentHealth.Status s = e.getValue().status();
            if (s == ComponentHealth.Status.DOWN && e.getKey().equals("store")) {
                status = "down";
                break;
            }
            if (s == ComponentHealth.Status.DOWN || s == ComponentHealth.Status.DEGRADED) {
                status = "degraded";
            }
        }
        long uptime = Math.max(0, Duration.between(startedAt, clock.instant()).toSeconds());
        return new Health(status, node, role, version, startedAt, uptime, all, countsNow, build);
    }
}
