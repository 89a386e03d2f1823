package io.smollama.node.sync;

import io.smollama.common.ComponentHealth;
import io.smollama.node.memory.MemoryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Sync on this node: receives pushes and serves pulls (every node with memory does, a hub above all), keeps
 * the peers that pushed here, and, on a node with {@code sync.enabled}, runs the {@link SyncLoop} towards
 * the hub. Status and health report the loop's state, what the hub still lacks and when it last synced.
 */
public final class SyncService implements AutoCloseable {

    /** Who this node is, as it tells its peers. */
    public record Identity(String node, String role, String version, Supplier<String> url) {}

    private final SyncLog log;
    private final MemoryStore store;
    private final Identity self;
    private final SyncSettings settings;
    private final Clock clock;
    private @Nullable SyncLoop loop;

    public SyncService(SyncLog log, MemoryStore store, Identity self, SyncSettings settings, Clock clock) {
        this.log = log;
        this.store = store;
        this.self = self;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Starts the sync loop towards {@code hub} (the API root of the hub now, empty while none is known).
     * {@code token} authenticates this node there. {@code hubUnreachable} is called when a hub that came from
     * {@code hub} (not {@code sync.hub_url}) does not answer, so discovery can look again at once.
     */
    public void startLoop(Supplier<Optional<java.net.URI>> hub, String token, Runnable hubUnreachable) {
        SyncLoop l = new SyncLoop(this, settings, hub, token, clock, hubUnreachable);
        log.onAppend(l::wake);
        this.loop = l;
        l.start();
    }

    /** Wakes the loop now (the hub appeared or moved). */
    public void wake() {
        SyncLoop l = loop;
        if (l != null) {
            l.hubChanged();
        }
    }

    public SyncLog log() {
        return log;
    }

    public Identity identity() {
        return self;
    }

    /** Merges entries (from a push or a pull) into the log and the memory tables in one transaction. */
    public SyncLog.MergeResult merge(List<SyncEntry> entries) {
        if (entries.isEmpty()) {
            return new SyncLog.MergeResult(0, 0, log.vector());
        }
        return log.merge(store, entries);
    }

    /** Handles a push: merges its entries and remembers the pusher as a peer. */
    SyncMessages.PushResponse receive(SyncMessages.PushRequest push) {
        SyncLog.MergeResult r = merge(push.entries());
        log.savePeer(new SyncPeer(
                push.from(),
                push.url(),
                push.role(),
                push.version(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS),
                push.vector() == null ? Map.of() : push.vector()));
        return new SyncMessages.PushResponse(
                r.accepted(), r.duplicates(), r.vector().marks());
    }

    /** Serves a pull: the entries {@code have} lacks, at most {@code limit}. */
    SyncMessages.PullResponse pull(VersionVector have, int limit, @Nullable String exclude) {
        SyncLog.Page page = log.entriesAfter(have, exclude, limit, null);
        return new SyncMessages.PullResponse(
                self.node(), page.entries(), log.vector().marks(), page.more());
    }

    SyncMessages.PushRequest pushRequest(List<SyncEntry> entries, VersionVector mine) {
        return new SyncMessages.PushRequest(
                self.node(), self.url().get(), self.role(), self.version(), entries, mine.marks());
    }

    /** The nodes that pushed to this one (on a hub: the cluster's nodes that sync), most recent first. */
    public List<SyncPeer> peers() {
        return log.peers();
    }

    /** Seconds since the last successful round, for /metrics (NaN before the first, or when this node does not sync). */
    public double lagSeconds() {
        SyncLoop l = loop;
        Instant last = l == null ? null : l.snapshot().lastSync();
        return last == null
                ? Double.NaN
                : Duration.between(last, clock.instant()).toSeconds();
    }

    /** Entries held here that the hub lacks; 0 when this node does not sync (for /metrics). */
    public long pending() {
        SyncLoop l = loop;
        if (l == null) {
            return 0;
        }
        VersionVector hub = l.snapshot().hubVector();
        return log.missingFrom(hub == null ? VersionVector.EMPTY : hub);
    }

    /** {@code GET /api/sync/status}. */
    SyncMessages.SyncStatus status() {
        SyncLoop l = loop;
        VersionVector vector = log.vector();
        if (l == null) {
            return new SyncMessages.SyncStatus(
                    settings.enabled(),
                    isHub() ? "idle" : "disabled",
                    null,
                    null,
                    null,
                    0,
                    vector.marks(),
                    peers(),
                    null);
        }
        SyncLoop.Snapshot s = l.snapshot();
        Long lag = s.lastSync() == null
                ? null
                : Duration.between(s.lastSync(), clock.instant()).toSeconds();
        long pending = s.hubVector() == null ? log.missingFrom(VersionVector.EMPTY) : log.missingFrom(s.hubVector());
        return new SyncMessages.SyncStatus(
                true, s.state().word(), s.hub(), s.lastSync(), s.lastError(), pending, vector.marks(), peers(), lag);
    }

    private boolean isHub() {
        return self.role().equals("hub");
    }

    /** The {@code sync} component of {@code /api/health}: degraded while offline or failing. */
    public Map<String, ComponentHealth> health() {
        SyncMessages.SyncStatus s = status();
        String detail;
        ComponentHealth.Status status;
        switch (s.state()) {
            case "disabled" -> {
                status = ComponentHealth.Status.DISABLED;
                detail = "sync.enabled is false; "
                        + log.vector().marks().values().stream()
                                .mapToLong(Long::longValue)
                                .sum() + " entries in the log";
            }
            case "offline", "error" -> {
                status = ComponentHealth.Status.DEGRADED;
                detail = s.state() + ": " + s.lastError() + "; " + s.pending() + " pending"
                        + (s.lastSync() == null ? "; never synced" : "; last sync " + s.lastSync());
            }
            default -> {
                status = ComponentHealth.Status.UP;
                detail = isHub() && s.hub() == null
                        ? "hub: " + s.peers().size() + " peers" + lastPeer(s.peers())
                        : s.state() + (s.hub() == null ? "" : " with " + s.hub()) + "; " + s.pending() + " pending"
                                + (s.lastSync() == null ? "; not synced yet" : "; last sync " + s.lastSync());
            }
        }
        return Map.of("sync", new ComponentHealth(status, detail));
    }

    private static String lastPeer(List<SyncPeer> peers) {
        return peers.isEmpty()
                ? ""
                : "; last push from " + peers.getFirst().node() + " at "
                        + peers.getFirst().lastSeen();
    }

    /** Entries the hub still lacks (0 without a loop), for the health counts. */
    public Map<String, Long> counts() {
        return loop == null ? Map.of() : Map.of("syncPending", status().pending());
    }

    @Override
    public void close() {
        SyncLoop l = loop;
        if (l != null) {
            l.close();
        }
    }
}
