package io.smollama.node.store;

import static io.smollama.node.store.StoreFixtures.T0;
import static io.smollama.node.store.StoreFixtures.num;
import static io.smollama.node.store.StoreFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smollama.common.NodeStats;
import io.smollama.common.Reading;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadingLogTest {

    @TempDir
    Path dir;

    Database db;
    ReadingLog log;
    final StoreFixtures.MutableClock clock = new StoreFixtures.MutableClock(T0.plus(Duration.ofDays(1)));

    @BeforeEach
    void open() {
        db = Database.open(dir);
        log = new ReadingLog(db, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void recentReturnsRawReadingsNewestFirst() {
        log.append(List.of(
                num("system:cpu", 1, T0),
                num("system:cpu", 3, T0.plusSeconds(2)),
                num("system:cpu", 2, T0.plusSeconds(1))));
        assertThat(log.recent("system:cpu", 2)).extracting(Reading::value).containsExactly(3.0, 2.0);
        assertThat(log.recent("system:cpu", 10).getFirst())
                .isEqualTo(Reading.numeric("n1", "system", "cpu", 3, "C", T0.plusSeconds(2), Map.of()));
    }

    @Test
    void textReadingsAreStoredAndReturnedButHaveNoRollups() {
        log.append(List.of(text("door:front", "open", T0), text("door:front", "closed", T0.plusSeconds(5))));
        assertThat(log.recent("door:front", 5)).extracting(Reading::text).containsExactly("closed", "open");
        assertThat(log.latest("door:front")).map(Reading::text).contains("closed");
        NodeStats stats = log.stats("n1");
        assertThat(stats.readingsTotal()).isEqualTo(2);
        assertThat(stats.rollupMinuteRows()).isZero();
        assertThat(log.history("door:front", T0, T0.plusSeconds(60), 10).points())
                .isEmpty();
    }

    @Test
    void latestFollowsTheNewestTimestampNotTheArrivalOrder() {
        log.append(List.of(num("a:x", 2, T0.plusSeconds(10))));
        log.append(List.of(num("a:x", 1, T0)));
        assertThat(log.latest("a:x")).map(Reading::value).contains(2.0);
        assertThat(log.latestAll()).extracting(Reading::source).containsExactly("a:x");
    }

    @Test
    void unknownSourcesAreEmptyOrUnknownSourceException() {
        assertThat(log.latest("a:missing")).isEmpty();
        assertThat(log.source("a:missing")).isEmpty();
        assertThatThrownBy(() -> log.recent("a:missing", 1)).isInstanceOf(UnknownSourceException.class);
        assertThatThrownBy(() -> log.history("a:missing", T0, T0.plusSeconds(1), 1))
                .isInstanceOf(UnknownSourceException.class)
                .hasMessageContaining("a:missing");
        assertThatThrownBy(() -> log.latest("no-colon")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rollupsMatchTheRawReadingsAcrossBatches() {
        List<Reading> all = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            all.add(num("s:v", (i * 37) % 101 - 50, T0.plusSeconds(i * 7L)));
        }
        for (int from = 0; from < all.size(); from += 97) {
            log.append(all.subList(from, Math.min(all.size(), from + 97)));
        }
        var minute = log.history("s:v", T0, T0.plusSeconds(600 * 7), 70);
        assertThat(minute.resolution()).isEqualTo("minute");
        for (var p : minute.points()) {
            List<Double> in = all.stream()
                    .filter(r -> !r.timestamp().isBefore(p.timestamp())
                            && r.timestamp().isBefore(p.timestamp().plusMillis(minute.bucketMillis())))
                    .map(Reading::value)
                    .toList();
            assertThat(p.count()).isEqualTo(in.size());
            assertThat(p.min()).isEqualTo(in.stream().mapToDouble(d -> d).min().orElseThrow());
            assertThat(p.max()).isEqualTo(in.stream().mapToDouble(d -> d).max().orElseThrow());
            assertThat(p.avg())
                    .isCloseTo(
                            in.stream().mapToDouble(d -> d).average().orElseThrow(),
                            org.assertj.core.data.Offset.offset(1e-9));
        }
        assertThat(minute.points().stream().mapToLong(p -> p.count()).sum()).isEqualTo(600);
    }

    @Test
    void statsCountReadingsRollupRowsAndTheTimeRange() {
        log.append(List.of(num("a:x", 1, T0), num("a:x", 2, T0.plusSeconds(30)), num("b:y", 5, T0.plusSeconds(61))));
        log.append(List.of(num("a:x", 3, T0.plusSeconds(45)), num("a:x", 4, T0.plusSeconds(3600))));
        log.append(List.of(num("a:x", 0, T0.minusSeconds(3600))));
        NodeStats stats = log.stats("n1");
        assertThat(stats.node()).isEqualTo("n1");
        assertThat(stats.readingsTotal()).isEqualTo(6);
        assertThat(stats.sources()).isEqualTo(2);
        assertThat(stats.readingsBySource()).containsExactlyInAnyOrderEntriesOf(Map.of("a:x", 5L, "b:y", 1L));
        assertThat(stats.rollupMinuteRows()).isEqualTo(3 + 1);
        assertThat(stats.rollupHourRows()).isEqualTo(3 + 1);
        assertThat(stats.oldestReading()).isEqualTo(T0.minusSeconds(3600));
        assertThat(stats.newestReading()).isEqualTo(T0.plusSeconds(3600));
        assertThat(stats.databaseBytes()).isPositive();
    }

    @Test
    void statsReportTheRateOfTheLastMinute() {
        clock.set(T0.plusSeconds(120));
        List<Reading> batch = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            batch.add(num("a:x", i, T0.plusMillis(60_000 + i * 500L)));
        }
        log.append(batch);
        assertThat(log.stats("n1").readingsPerSecond()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void sourceDescriptionFollowsItsNewestReading() {
        log.append(List.of(Reading.numeric("n1", "t", "x", 1, "C", T0, Map.of("room", "attic"))));
        log.append(List.of(Reading.numeric("n1", "t", "x", 2, "F", T0.plusSeconds(1), Map.of("room", "cellar"))));
        StoredSource s = log.source("t:x").orElseThrow();
        assertThat(s.unit()).isEqualTo("F");
        assertThat(s.metadata()).containsEntry("room", "cellar");
        assertThat(s.readings()).isEqualTo(2);
        assertThat(s.kind()).isEqualTo("numeric");
    }

    @Test
    void reopenedDatabaseHasEveryReading() {
        List<Reading> batch = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            batch.add(num("s:" + (i % 10), i, T0.plusSeconds(i)));
        }
        log.append(batch);
        db.close();
        db = Database.open(dir);
        log = new ReadingLog(db, clock);
        assertThat(log.stats("n1").readingsTotal()).isEqualTo(1000);
        assertThat(log.recent("s:3", 1000)).hasSize(100);
        log.append(List.of(num("s:3", -1, T0.plusSeconds(5000))));
        assertThat(log.latest("s:3")).map(Reading::value).contains(-1.0);
    }
}
