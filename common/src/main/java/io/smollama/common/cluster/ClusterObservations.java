package io.smollama.common.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.smollama.common.Observation;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/cluster/observations}: observations from the answering node's merged store (its own and those
 * synced from every other node, each naming its node), and per known node how fresh that store is:
 * {@code newestObservation} is the newest of that node's observations held here (null: none yet).
 */
public record ClusterObservations(
        String store, Instant checkedAt, List<Observation> observations, List<Freshness> freshness) {

    public ClusterObservations {
        observations = List.copyOf(observations);
        freshness = List.copyOf(freshness);
    }

    /** How recent the merged store's copy of one node's observations is. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Freshness(String node, @Nullable Instant newestObservation) {}
}
