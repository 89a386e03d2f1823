package io.smollama.node.bench;

import io.smollama.common.Reading;
import io.smollama.node.store.Database;
import io.smollama.node.store.ReadingLog;
import io.smollama.node.store.ReadingWriter;
import io.smollama.node.store.StoreSettings;
import io.smollama.node.store.WriterStatus;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sustained ingest through the {@link ReadingWriter} into a fresh database: producer threads submit numeric
 * readings for many sources the way the sampler does, and the figure is readings committed per second
 * (from the first submit until {@code flush()} returns). A warm-up run on a separate writer comes first.
 */
public final class IngestBenchmark {

    /**
     * @param dir an empty directory for the benchmark database (it is left behind for inspection)
     * @param sources distinct sources
     * @param producers submitting threads
     * @param readings readings in the measured run
     * @param warmup readings in the warm-up run
     */
    public record Options(
            Path dir, int sources, int producers, long readings, long warmup, int batchSize, Duration flushInterval) {

        public Options {
            if (sources < 1 || producers < 1 || readings < 1 || warmup < 0 || batchSize < 1) {
                throw new IllegalArgumentException("benchmark counts must be positive: " + sources + " sources, "
                        + producers + " producers, " + readings + " readings, " + batchSize + " batch size");
            }
        }

        public static Options defaults(Path dir) {
            return new Options(dir, 200, 4, 1_000_000, 200_000, 2_000, Duration.ofMillis(200));
        }
    }

    private final Options options;

    public IngestBenchmark(Options options) {
        this.options = options;
    }

    /** Runs the warm-up and the measured run and prints the figures to {@code out}. */
    public void run(PrintStream out) throws InterruptedException {
        StoreSettings settings =
                StoreSettings.defaults(options.dir()).withBatching(options.batchSize(), options.flushInterval());
        Instant base = Instant.parse("2025-01-01T00:00:00Z");
        try (Database db = Database.open(options.dir())) {
            ReadingLog log = new ReadingLog(db, Clock.systemUTC());
            long warmupDropped = 0;
            if (options.warmup() > 0) {
                try (ReadingWriter warm = ReadingWriter.start(log, settings, Clock.systemUTC())) {
                    produce(warm, options.warmup(), base);
                    warm.flush();
                    warmupDropped = warm.status().dropped();
                }
            }
            WriterStatus status;
            long nanos;
            try (ReadingWriter writer = ReadingWriter.start(log, settings, Clock.systemUTC())) {
                long start = System.nanoTime();
                produce(writer, options.readings(), base.plus(Duration.ofDays(1)));
                writer.flush();
                nanos = System.nanoTime() - start;
                status = writer.status();
            }
            out.println("ingest.readings: " + status.committed() + " readings");
            out.println("ingest.sources: " + options.sources() + " sources");
            out.println("ingest.producers: " + options.producers() + " threads");
            out.println("ingest.batch_size: " + options.batchSize() + " readings");
            out.println("ingest.rate: " + Math.round(status.committed() / (nanos / 1e9)) + " readings/s");
            out.println("ingest.elapsed: " + Math.round(nanos / 1e6) + " ms");
            out.println("ingest.batches: " + status.batches() + " batches");
            out.printf("ingest.commit_p50: %.2f ms%n", status.commitP50Millis());
            out.printf("ingest.commit_p99: %.2f ms%n", status.commitP99Millis());
            out.println("ingest.dropped: " + status.dropped() + " readings");
            out.println("ingest.warmup_dropped: " + warmupDropped + " readings");
            out.println("ingest.database_size: " + db.sizeBytes() + " bytes");
        }
    }

    /** Submits {@code total} readings from the producer threads, each owning a slice of the sources. */
    private void produce(ReadingWriter writer, long total, Instant base) throws InterruptedException {
        int producers = options.producers();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            long share = total / producers + (p < total % producers ? 1 : 0);
            threads.add(Thread.ofPlatform().name("bench-producer-" + p).start(() -> {
                List<String> mine = new ArrayList<>();
                for (int s = producer; s < options.sources(); s += producers) {
                    mine.add("s" + s);
                }
                if (mine.isEmpty()) {
                    mine.add("p" + producer);
                }
                for (long i = 0; i < share; i++) {
                    String id = mine.get((int) (i % mine.size()));
                    long second = i / mine.size();
                    Instant at = base.plusMillis(second * 1000 + producer);
                    writer.submit(
                            Reading.numeric("bench", "bench", id, Math.sin(i * 0.001) * 20 + 20, "C", at, Map.of()));
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
    }
}
