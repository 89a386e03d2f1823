package io.smollama.node.sync;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A node that pushed to this one: its name, API URL, role and version as it said, when it was last seen,
 * and its own version vector as it reported it with its last push (what it holds: its cursors).
 */
public record SyncPeer(
        String node,
        @Nullable String url,
        @Nullable String role,
        @Nullable String version,
        Instant lastSeen,
        Map<String, Long> vector) {

    public SyncPeer {
        vector = Map.copyOf(vector);
    }
}
