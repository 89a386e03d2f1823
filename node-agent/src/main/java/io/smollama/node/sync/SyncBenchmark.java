package io.smollama.node.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.smollama.common.Json;
import io.smollama.common.Observation;
import io.smollama.node.memory.Embedder;
import io.smollama.node.memory.MemoryStore;
import io.smollama.node.store.Database;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * {@code smollama-node bench sync}: a node's log of {@code entries} observations is pushed to a hub and
 * merged there (entries and materialised rows, real SQLite files), then pulled by a third node, each
 * through the real {@link SyncRound} with every request and answer serialised to JSON and parsed back as
 * the HTTP API does (the network itself is left out). Items are embedded in the background with synthetic
 * vectors (the benchmark measures sync, not the model).
 */
public final class SyncBenchmark {

    private static final int IMPORT_CHUNK = 5_000;

    private final Path dir;
    private final int entries;

    public SyncBenchmark(Path dir, int entries) {
        this.dir = dir;
        this.entries = entries;
    }

    public void run(PrintStream out) throws Exception {
        Clock clock = Clock.systemUTC();
        try (Bench node = new Bench("bench-node", dir.resolve("node"), clock);
                Bench hub = new Bench("bench-hub", dir.resolve("hub"), clock);
                Bench peer = new Bench("bench-peer", dir.resolve("peer"), clock)) {
            Random rnd = new Random(42);
            long t0 = System.nanoTime();
            for (int done = 0; done < entries; done += IMPORT_CHUNK) {
                List<Observation> chunk = new ArrayList<>();
                for (int i = done; i < Math.min(entries, done + IMPORT_CHUNK); i++) {
                    Instant at = Instant.ofEpochMilli(1_760_000_000_000L + i * 1000L);
                    chunk.add(new Observation(
                            UUID.randomUUID().toString(),
                            "bench-node",
                            "status",
                            "zone " + rnd.nextInt(50) + " reading " + i + " stayed within its usual range",
                            0.5 + rnd.nextDouble() / 2,
                            List.of("system:cpu_temp"),
                            "statistics",
                            at,
                            at,
                            1,
                            null));
                }
                node.store.importItems(chunk, List.of());
            }
            double appendS = seconds(t0);
            out.printf("sync entries: %d entries%n", entries);
            out.printf("sync append (import into the log): %.0f entries/s%n", entries / appendS);

            long t1 = System.nanoTime();
            var pushed = SyncRound.run(node.sync, new JsonTransport(hub.sync), false);
            double pushS = seconds(t1);
            if (pushed.pushed() != entries) {
                throw new IllegalStateException("the hub accepted " + pushed.pushed() + " of " + entries + " entries");
            }
            out.printf("sync push+merge: %.0f entries/s (%.1f s)%n", entries / pushS, pushS);

            long t2 = System.nanoTime();
            var pulled = SyncRound.run(peer.sync, new JsonTransport(hub.sync), true);
            double pullS = seconds(t2);
            if (pulled.pulled() != entries) {
                throw new IllegalStateException("the peer pulled " + pulled.pulled() + " of " + entries + " entries");
            }
            out.printf("sync pull+merge: %.0f entries/s (%.1f s)%n", entries / pullS, pullS);

            long t3 = System.nanoTime();
            var again = SyncRound.run(node.sync, new JsonTransport(hub.sync), true);
            out.printf(
                    "sync round with nothing to do: %.1f ms (%d pushed, %d pulled)%n",
                    seconds(t3) * 1000, again.pushed(), again.pulled());
            out.printf("sync hub database: %.1f MB%n", hub.db.sizeBytes() / 1e6);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** Reaches a sync service in this process, with requests and answers through JSON as over HTTP. */
    private record JsonTransport(SyncService remote) implements SyncTransport {
        @Override
        public SyncMessages.PushResponse push(SyncMessages.PushRequest request) {
            try {
                byte[] body = Json.mapper().writeValueAsBytes(request);
                var answer = remote.receive(SyncMessages.parsePush(Json.mapper().readTree(body)));
                return Json.mapper()
                        .readValue(Json.mapper().writeValueAsBytes(answer), SyncMessages.PushResponse.class);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public SyncMessages.PullResponse pull(VersionVector have, int limit, String exclude) {
            try {
                var n = Json.mapper().readTree(Json.mapper().writeValueAsBytes(remote.pull(have, limit, exclude)));
                List<SyncEntry> entries = new ArrayList<>();
                for (var e : n.path("entries")) {
                    entries.add(SyncEntry.fromJson(e));
                }
                return new SyncMessages.PullResponse(
                        n.path("node").asText(),
                        entries,
                        HttpSyncTransport.vector(n.path("vector")),
                        n.path("more").asBoolean());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String describe() {
            return "in-process";
        }
    }

    /** One benchmark node: database, log, memory store (synthetic vectors) and sync service. */
    private static final class Bench implements AutoCloseable {
        final Database db;
        final MemoryStore store;
        final SyncService sync;

        Bench(String name, Path dir, Clock clock) {
            db = Database.open(dir);
            SyncLog log = new SyncLog(db, name, clock);
            store = MemoryStore.open(db, new SyntheticVectors(), name, clock, e -> {}, log);
            sync = new SyncService(
                    log,
                    store,
                    new SyncService.Identity(name, "node", "bench", () -> "http://127.0.0.1"),
                    new SyncSettings(false, Optional.empty(), Duration.ofSeconds(60), true, Optional.empty()),
                    clock);
        }

        @Override
        public void close() {
            store.close();
            db.close();
        }
    }

    /** 384 numbers seeded by the text: cheap, so the benchmark measures sync and not the model. */
    private static final class SyntheticVectors implements Embedder {
        @Override
        public String model() {
            return "synthetic:bench-384";
        }

        @Override
        public int dimensions() {
            return 384;
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            List<float[]> out = new ArrayList<>();
            for (String t : texts) {
                Random r = new Random(t.hashCode());
                float[] v = new float[384];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) r.nextGaussian() / 20f;
                }
                out.add(v);
            }
            return out;
        }

        @Override
        public EmbedderState state() {
            return EmbedderState.ready("synthetic vectors for the benchmark");
        }
    }
}
