package io.smollama.common.cluster;

import io.smollama.common.Reading;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/cluster/readings}: the latest reading of every source of every reachable node (each reading names
 * its node), and one error per node that could not give its readings.
 */
public record ClusterReadings(Instant checkedAt, List<Reading> readings, List<NodeError> errors) {
    public ClusterReadings {
        readings = List.copyOf(readings);
        errors = List.copyOf(errors);
    }
}
