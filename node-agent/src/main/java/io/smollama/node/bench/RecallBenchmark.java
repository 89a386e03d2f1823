package io.smollama.node.bench;

import io.smollama.common.Memory;
import io.smollama.common.Observation;
import io.smollama.common.RecallQuery;
import io.smollama.node.memory.Embedder;
import io.smollama.node.memory.MemoryStore;
import io.smollama.node.store.Database;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Top-10 recall latency through the real {@link MemoryStore} (int8 index scan, exact rescoring from SQLite,
 * FTS5 keyword search, hybrid ranking, rows fetched) over {@code size} stored items, with the
 * {@link SyntheticCorpus} standing in for the embedding model (so the figures measure search, not MiniLM;
 * add {@code bench embed}'s per-sentence time for a query typed by a user). Items are imported and embedded
 * through the store's own background re-embedding, then the store is reopened so the index is rebuilt from
 * SQLite as at agent start.
 */
public final class RecallBenchmark {

    /** @param sizes item counts to build and measure, e.g. 10,000 and 100,000 */
    public record Options(Path dir, List<Integer> sizes, int queries) {
        public static Options defaults(Path dir) {
            return new Options(dir, List.of(10_000, 100_000), 300);
        }
    }

    private final Options options;

    public RecallBenchmark(Options options) {
        this.options = options;
    }

    public void run(PrintStream out) {
        for (int size : options.sizes()) {
            measure(out, size);
        }
    }

    private void measure(PrintStream out, int size) {
        String p = "recall." + (size >= 1000 ? size / 1000 + "k" : String.valueOf(size));
        SyntheticCorpus corpus = new SyntheticCorpus(42);
        Embedder embedder = corpus.embedder();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        Path dir = options.dir().resolve(p);
        try (Database db = Database.open(dir)) {
            long t0 = System.nanoTime();
            try (MemoryStore store = MemoryStore.open(db, embedder, "bench", Clock.systemUTC(), e -> {})) {
                int chunk = 5_000;
                for (int from = 0; from < size; from += chunk) {
                    List<Observation> obs = new ArrayList<>();
                    List<Memory> mems = new ArrayList<>();
                    corpus.items(Math.min(chunk, size - from), from, start.plusSeconds(60L * from), obs, mems);
                    store.importItems(obs, mems);
                }
                while (store.status().embedded() < size) {
                    sleep(100);
                }
            }
            out.printf("%s.build_time: %.1f s%n", p, (System.nanoTime() - t0) / 1e9);
            long r0 = System.nanoTime();
            try (MemoryStore store = MemoryStore.open(db, embedder, "bench", Clock.systemUTC(), e -> {})) {
                out.printf("%s.index_rebuild: %d ms%n", p, (System.nanoTime() - r0) / 1_000_000);
                SplittableRandom r = new SplittableRandom(7);
                List<String> queries = new ArrayList<>();
                for (int i = 0; i < options.queries(); i++) {
                    queries.add(corpus.text(r, r.nextInt(SyntheticCorpus.TOPICS)));
                }
                Instant since = start.plusSeconds(60L * size / 2);
                for (int i = 0; i < Math.min(100, queries.size()); i++) {
                    store.recall(RecallQuery.of(queries.get(i), 10)); // warm-up
                }
                double[] plain =
                        time(queries, q -> store.recall(RecallQuery.of(q, 10)).size());
                double[] filtered = time(queries, q -> store.recall(
                                new RecallQuery(q, 10, Set.of("observation"), "anomaly", since, "bench", false))
                        .size());
                out.println(p + ".items: " + size + " items");
                out.printf("%s.top10_p50: %.2f ms%n", p, plain[0]);
                out.printf("%s.top10_p99: %.2f ms%n", p, plain[1]);
                out.printf("%s.filtered_top10_p50: %.2f ms%n", p, filtered[0]);
                out.printf("%s.filtered_top10_p99: %.2f ms%n", p, filtered[1]);
                out.println(p + ".heap_used: " + usedHeapMb() + " MB");
            }
        }
    }

    private static double[] time(List<String> queries, java.util.function.ToIntFunction<String> search) {
        double[] ms = new double[queries.size()];
        for (int i = 0; i < queries.size(); i++) {
            long t = System.nanoTime();
            int n = search.applyAsInt(queries.get(i));
            ms[i] = (System.nanoTime() - t) / 1e6;
            if (n == 0) {
                throw new IllegalStateException("a benchmark query found nothing: " + queries.get(i));
            }
        }
        Arrays.sort(ms);
        return new double[] {ms[ms.length / 2], ms[(int) Math.min(ms.length - 1, Math.ceil(ms.length * 0.99) - 1)]};
    }

    private static long usedHeapMb() {
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) >> 20;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
