package io.smollama.common.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/cluster/stats}: counts per reachable node (from its {@code /api/stats} and health) and their
 * totals, with one error per node that could not answer.
 */
public record ClusterStats(Instant checkedAt, List<NodeCounts> nodes, Totals total, List<NodeError> errors) {

    public ClusterStats {
        nodes = List.copyOf(nodes);
        errors = List.copyOf(errors);
    }

    /**
     * One node's counts: readings stored, sources, database size, ingest rate, newest reading, and the memory
     * items (observations and memories) it holds (null when it keeps no memory or does not say).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NodeCounts(
            String node,
            long readings,
            long sources,
            long databaseBytes,
            double readingsPerSecond,
            @Nullable Instant newestReading,
            @Nullable Long memoryItems) {}

    /** Sums over the nodes that answered; {@code nodes} counts every known node, {@code reporting} those summed. */
    public record Totals(
            int nodes,
            int reporting,
            long readings,
            long sources,
            long databaseBytes,
            double readingsPerSecond,
            long memoryItems) {}
}
