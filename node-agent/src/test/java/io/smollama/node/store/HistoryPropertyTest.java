package io.smollama.node.store;

import static io.smollama.node.store.StoreFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.common.History;
import io.smollama.common.HistoryPoint;
import io.smollama.common.Reading;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Downsampling property: for any set of readings (appended in random batches) and any range and point
 * budget, every history point equals the brute-force aggregate of the readings in its bucket, the buckets
 * partition the range, and the resolution is the coarsest that fits the requested width. Each seed is one
 * generated case on its own source; a failing seed reproduces the case exactly.
 */
class HistoryPropertyTest {

    private static final long MINUTE = 60_000;
    private static final long HOUR = 3_600_000;

    @TempDir
    static Path dir;

    static Database db;
    static ReadingLog log;

    @BeforeAll
    static void open() {
        db = Database.open(dir);
        log = new ReadingLog(db, new StoreFixtures.MutableClock(T0));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void historyBucketsEqualBruteForceAggregates(long seed) {
        Random rnd = new Random(seed);
        String source = "prop:s" + seed;
        long dataSpan =
                switch (rnd.nextInt(3)) {
                    case 0 -> 10 * MINUTE;
                    case 1 -> 6 * HOUR;
                    default -> 5 * 24 * HOUR;
                };
        int n = 1 + rnd.nextInt(400);
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double value = Math.round((rnd.nextDouble() * 2000 - 1000) * 100) / 100.0;
            readings.add(StoreFixtures.num(source, value, T0.plusMillis((long) (rnd.nextDouble() * dataSpan))));
        }
        for (int i = 0; i < n; ) {
            int size = 1 + rnd.nextInt(n - i);
            log.append(readings.subList(i, i + size));
            i += size;
        }
        long from = T0.toEpochMilli() + (long) ((rnd.nextDouble() - 0.2) * dataSpan);
        long to = from + 1 + (long) (rnd.nextDouble() * dataSpan * 1.2);
        int maxPoints = 1 + rnd.nextInt(rnd.nextBoolean() ? 20 : 2000);

        History h = log.history(source, Instant.ofEpochMilli(from), Instant.ofEpochMilli(to), maxPoints);

        long wanted = Math.max(1, Math.ceilDiv(to - from, maxPoints));
        long res = wanted >= HOUR ? HOUR : wanted >= MINUTE ? MINUTE : 1;
        assertThat(h.resolution()).isEqualTo(res == HOUR ? "hour" : res == MINUTE ? "minute" : "raw");
        assertThat(h.points()).hasSizeLessThanOrEqualTo(maxPoints);
        long origin = Math.floorDiv(from, res) * res;
        Map<Long, List<Double>> expected = new TreeMap<>();
        for (Reading r : readings) {
            long ts = r.timestamp().toEpochMilli();
            long stored = Math.floorDiv(ts, res) * res;
            if (stored >= origin && stored < to) {
                long key =
                        h.bucketMillis() == 0 ? ts : origin + (stored - origin) / h.bucketMillis() * h.bucketMillis();
                expected.computeIfAbsent(key, k -> new ArrayList<>()).add(r.value());
            }
        }
        if (h.bucketMillis() == 0) {
            assertThat(h.points())
                    .extracting(p -> p.timestamp().toEpochMilli())
                    .containsExactlyElementsOf(readings.stream()
                            .map(r -> r.timestamp().toEpochMilli())
                            .filter(ts -> ts >= from && ts < to)
                            .sorted()
                            .toList());
            assertThat(h.points()).allSatisfy(p -> assertThat(p.count()).isEqualTo(1));
            return;
        }
        assertThat(h.bucketMillis() % res).isZero();
        assertThat(h.points())
                .extracting(p -> p.timestamp().toEpochMilli())
                .containsExactlyElementsOf(expected.keySet());
        for (HistoryPoint p : h.points()) {
            List<Double> values = expected.get(p.timestamp().toEpochMilli());
            double sumAbs = values.stream().mapToDouble(Math::abs).sum();
            assertThat(p.count()).isEqualTo(values.size());
            assertThat(p.min())
                    .isEqualTo(values.stream().mapToDouble(d -> d).min().orElseThrow());
            assertThat(p.max())
                    .isEqualTo(values.stream().mapToDouble(d -> d).max().orElseThrow());
            assertThat(p.avg())
                    .isCloseTo(
                            values.stream().mapToDouble(d -> d).average().orElseThrow(),
                            Offset.offset(1e-9 * (1 + sumAbs)));
        }
    }
}
