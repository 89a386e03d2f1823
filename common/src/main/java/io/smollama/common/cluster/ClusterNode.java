package io.smollama.common.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One member of the cluster as the answering node sees it ({@code GET /api/cluster/nodes}). {@code via} says how it
 * is known ({@code self}, {@code discovery}, {@code sync}, {@code config}); {@code state} is {@code reachable} (its
 * health answered now), {@code stale} (it did not answer in time but was heard recently) or {@code offline}.
 * {@code lastSeen} is when anything last heard it; {@code health} is its health summary when reachable;
 * {@code error} says why it is not; {@code latencyMs} is how long its health took to answer.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterNode(
        String node,
        String role,
        @Nullable URI url,
        List<String> via,
        String state,
        @Nullable Instant lastSeen,
        @Nullable String version,
        Map<String, String> build,
        @Nullable Summary health,
        @Nullable NodeError error,
        @Nullable Long latencyMs) {

    public static final String REACHABLE = "reachable";
    public static final String STALE = "stale";
    public static final String OFFLINE = "offline";

    public ClusterNode {
        via = List.copyOf(via);
        build = Map.copyOf(build);
    }

    /**
     * A node's health in brief: its status ({@code ok|degraded|down}), uptime, the components that are not up
     * (name → state and detail) and its counts (readings, sources, memory items, ...).
     */
    public record Summary(String status, long uptimeSeconds, Map<String, String> problems, Map<String, Long> counts) {
        public Summary {
            problems = Map.copyOf(problems);
            counts = Map.copyOf(counts);
        }
    }
}
