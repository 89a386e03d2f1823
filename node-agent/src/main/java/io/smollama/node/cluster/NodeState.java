package io.smollama.node.cluster;

import io.smollama.common.cluster.ClusterNode;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How a member is doing, from its latest health probe. Reachable: it answered (even if its health says degraded or
 * down). Offline: nothing listens at its address (connection refused), or it has not been heard for
 * {@code offlineAfter}. Stale: it did not answer in time (or answered garbage) but was heard within
 * {@code offlineAfter} — by a probe, discovery or sync — so it may only be slow or briefly away.
 */
enum NodeState {
    REACHABLE(ClusterNode.REACHABLE),
    STALE(ClusterNode.STALE),
    OFFLINE(ClusterNode.OFFLINE);

    private final String word;

    NodeState(String word) {
        this.word = word;
    }

    String word() {
        return word;
    }

    /** {@code failure} is null when the probe answered; {@code lastHeard} is when anything last heard the node. */
    static NodeState classify(
            @Nullable PeerError failure, @Nullable Instant lastHeard, Instant now, Duration offlineAfter) {
        if (failure == null || failure.kind() == PeerError.Kind.UNAUTHORIZED) {
            return REACHABLE;
        }
        if (failure.kind() == PeerError.Kind.REFUSED || lastHeard == null) {
            return OFFLINE;
        }
        return Duration.between(lastHeard, now).compareTo(offlineAfter) < 0 ? STALE : OFFLINE;
    }
}
