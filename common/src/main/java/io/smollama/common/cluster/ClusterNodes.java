package io.smollama.common.cluster;

import java.time.Instant;
import java.util.List;

/** {@code GET /api/cluster/nodes}: every known node, by name, as {@code node} saw them at {@code checkedAt}. */
public record ClusterNodes(String node, Instant checkedAt, List<ClusterNode> nodes) {
    public ClusterNodes {
        nodes = List.copyOf(nodes);
    }
}
