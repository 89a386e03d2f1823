package io.smollama.node.sync;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The JSON bodies of the sync API. */
final class SyncMessages {

    private SyncMessages() {}

    /**
     * {@code POST /api/sync/push}: entries from {@code from} (its API {@code url}, {@code role} and
     * {@code version} when known). {@code vector}, optional, is the pusher's own version vector: the hub
     * keeps it as that peer's cursor.
     */
    record PushRequest(
            String from,
            @Nullable String url,
            @Nullable String role,
            @Nullable String version,
            List<SyncEntry> entries,
            @Nullable Map<String, Long> vector) {}

    /** The answer to a push: how many entries were new, how many already held, and the receiver's vector. */
    record PushResponse(int accepted, int duplicates, Map<String, Long> vector) {}

    /** {@code GET /api/sync/pull}: the entries the caller lacks, in (origin, seq) order. */
    record PullResponse(String node, List<SyncEntry> entries, Map<String, Long> vector, boolean more) {}

    /** {@code GET /api/sync/status}. */
    record SyncStatus(
            boolean enabled,
            String state,
            @Nullable String hub,
            @Nullable Instant lastSync,
            @Nullable String lastError,
            long pending,
            Map<String, Long> vector,
            List<SyncPeer> peers,
            @Nullable Long lagSeconds) {}
}
