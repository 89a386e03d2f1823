package io.smollama.node.bench;

import io.smollama.common.History;
import io.smollama.common.Reading;
import io.smollama.node.store.Database;
import io.smollama.node.store.ReadingLog;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Downsampled history over a long series: builds {@code days} of one reading per second for one source through
 * {@link ReadingLog#append} in large batches (so the rollups are the real ones), then times history queries
 * with 1000 points over the whole range, the last 7 days and the last hour.
 */
public final class HistoryBenchmark {

    /**
     * @param dir an empty directory for the benchmark database (it is left behind for inspection)
     * @param days length of the series at one reading per second
     * @param batch readings per append
     * @param runs timed runs of each query
     */
    public record Options(Path dir, int days, int batch, int runs) {

        public Options {
            if (days < 1 || batch < 1 || runs < 1) {
                throw new IllegalArgumentException(
                        "days, batch and runs must be positive: " + days + ", " + batch + ", " + runs);
            }
        }

        public static Options defaults(Path dir) {
            return new Options(dir, 90, 100_000, 20);
        }
    }

    private static final String SOURCE = "bench:temp";
    private final Options options;

    public HistoryBenchmark(Options options) {
        this.options = options;
    }

    /** Builds the series, runs the queries and prints the figures to {@code out}. */
    public void run(PrintStream out) {
        Instant end = Instant.parse("2025-06-01T00:00:00Z");
        Instant start = end.minus(Duration.ofDays(options.days()));
        long total = options.days() * 86_400L;
        try (Database db = Database.open(options.dir())) {
            ReadingLog log = new ReadingLog(db, Clock.systemUTC());
            long buildStart = System.nanoTime();
            List<Reading> batch = new ArrayList<>(options.batch());
            for (long s = 0; s < total; s++) {
                double value = 20 + 5 * Math.sin(s * 2 * Math.PI / 86_400) + (s % 7) * 0.1;
                batch.add(Reading.numeric("bench", "bench", "temp", value, "C", start.plusSeconds(s), Map.of()));
                if (batch.size() == options.batch()) {
                    log.append(batch);
                    batch.clear();
                }
            }
            log.append(batch);
            double buildSeconds = (System.nanoTime() - buildStart) / 1e9;
            out.println("history.build_readings: " + total + " readings");
            out.printf("history.build_time: %.1f s%n", buildSeconds);
            out.println("history.build_rate: " + Math.round(total / buildSeconds) + " readings/s");
            out.println("history.database_size: " + db.sizeBytes() + " bytes");
            time(out, log, "90d", start, end);
            time(out, log, "7d", end.minus(Duration.ofDays(7)), end);
            time(out, log, "1h", end.minus(Duration.ofHours(1)), end);
        }
    }

    private void time(PrintStream out, ReadingLog log, String name, Instant from, Instant to) {
        double[] millis = new double[options.runs()];
        History last = log.history(SOURCE, from, to, 1000);
        for (int i = 0; i < options.runs(); i++) {
            long t0 = System.nanoTime();
            last = log.history(SOURCE, from, to, 1000);
            millis[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(millis);
        out.printf("history.%s.p50: %.2f ms%n", name, millis[millis.length / 2]);
        out.printf("history.%s.max: %.2f ms%n", name, millis[millis.length - 1]);
        out.println("history." + name + ".points: " + last.points().size() + " points (" + last.resolution() + ")");
    }
}
