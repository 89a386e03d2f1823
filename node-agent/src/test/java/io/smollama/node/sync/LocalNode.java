package io.smollama.node.sync;

import io.smollama.common.Memory;
import io.smollama.common.Observation;
import io.smollama.node.memory.MemoryStore;
import io.smollama.node.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A node for sync tests without HTTP: its own SQLite file, sync log, memory store and sync service. */
final class LocalNode implements AutoCloseable {

    static final SyncSettings OFF =
            new SyncSettings(false, Optional.empty(), Duration.ofSeconds(60), true, Optional.empty());

    final String name;
    final Path dir;
    private final Clock clock;
    Database db;
    SyncLog log;
    MemoryStore store;
    SyncService sync;

    LocalNode(String name, Path dir, Clock clock) {
        this.name = name;
        this.dir = dir;
        this.clock = clock;
        open();
    }

    /** (Re)opens the database and everything on it, as a restarted agent would. */
    void open() {
        db = Database.open(dir);
        log = new SyncLog(db, name, clock);
        store = MemoryStore.open(db, new HashEmbedder(), name, clock, e -> {}, log);
        sync = new SyncService(
                log, store, new SyncService.Identity(name, "node", "test", () -> "http://" + name), OFF, clock);
    }

    /** A transport that reaches this node directly. */
    SyncTransport transport() {
        return new SyncTransport() {
            @Override
            public SyncMessages.PushResponse push(SyncMessages.PushRequest request) {
                return sync.receive(request);
            }

            @Override
            public SyncMessages.PullResponse pull(VersionVector have, int limit, String exclude) {
                return sync.pull(have, limit, exclude);
            }

            @Override
            public String describe() {
                return name;
            }
        };
    }

    List<Observation> observations() {
        return store.recentObservations(1_000_000, null, null).stream()
                .sorted(Comparator.comparing(Observation::id))
                .toList();
    }

    List<Memory> memories() {
        return store.memories(1_000_000, true).stream()
                .sorted(Comparator.comparing(Memory::id))
                .toList();
    }

    /** The log as comparable strings (every field of every entry), in (origin, seq) order. */
    List<String> entries() {
        return log.all().stream()
                .map(e -> e.id() + "|" + e.origin() + "|" + e.seq() + "|" + e.lamport() + "|" + e.type() + "|"
                        + e.payload() + "|" + e.createdAt())
                .toList();
    }

    @Override
    public void close() {
        store.close();
        db.close();
    }
}
