package io.smollama.node.store;

import static io.smollama.node.store.StoreFixtures.T0;
import static io.smollama.node.store.StoreFixtures.num;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smollama.common.History;
import io.smollama.common.Reading;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {

    @TempDir
    Path dir;

    Database db;
    ReadingLog log;

    @BeforeEach
    void open() {
        db = Database.open(dir);
        log = new ReadingLog(db, new StoreFixtures.MutableClock(T0));
        List<Reading> batch = new ArrayList<>();
        for (int i = 0; i < 3 * 86_400; i += 10) {
            batch.add(num("s:v", i % 1000, T0.plusSeconds(i)));
        }
        log.append(batch);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void anAverageOfEqualValuesIsThatValueNotARoundingErrorBelowIt() {
        List<Reading> same = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            same.add(num("s:same", 19.6, T0.plusSeconds(i)));
        }
        log.append(same);
        History h = log.history("s:same", T0, T0.plusSeconds(60), 1);
        assertThat(h.points()).singleElement().satisfies(p -> {
            assertThat(p.avg()).isEqualTo(19.6);
            assertThat(p.min()).isLessThanOrEqualTo(p.avg());
            assertThat(p.max()).isGreaterThanOrEqualTo(p.avg());
        });
    }

    @Test
    void returnsRawPointsWhenTheyFit() {
        History h = log.history("s:v", T0, T0.plusSeconds(600), 100);
        assertThat(h.resolution()).isEqualTo("raw");
        assertThat(h.bucketMillis()).isZero();
        assertThat(h.points()).hasSize(60);
        assertThat(h.points().getFirst().count()).isEqualTo(1);
    }

    @Test
    void aggregatesRawRowsWhenTheyDoNotFitAndBucketsAreNarrowerThanAMinute() {
        History h = log.history("s:v", T0, T0.plusSeconds(600), 25);
        assertThat(h.resolution()).isEqualTo("raw");
        assertThat(h.bucketMillis()).isEqualTo(24_000);
        assertThat(h.points()).hasSize(25).allSatisfy(p -> assertThat(p.count()).isBetween(2L, 3L));
    }

    @Test
    void usesMinuteRollupsForBucketsOfAMinuteOrMore() {
        History h = log.history("s:v", T0, T0.plus(Duration.ofHours(10)), 100);
        assertThat(h.resolution()).isEqualTo("minute");
        assertThat(h.bucketMillis()).isEqualTo(360_000);
        assertThat(h.points()).hasSize(100).allSatisfy(p -> assertThat(p.count())
                .isEqualTo(36));
    }

    @Test
    void usesHourRollupsForBucketsOfAnHourOrMore() {
        History h = log.history("s:v", T0, T0.plus(Duration.ofDays(3)), 50);
        assertThat(h.resolution()).isEqualTo("hour");
        assertThat(h.bucketMillis()).isEqualTo(2 * 3_600_000);
        assertThat(h.points()).hasSize(36);
        assertThat(h.points().stream().mapToLong(p -> p.count()).sum()).isEqualTo(3 * 8640);
    }

    @Test
    void neverReturnsMoreThanMaxPoints() {
        Instant from = T0.plusMillis(12_345);
        for (int maxPoints : new int[] {1, 2, 3, 7, 59, 60, 61, 100, 999, 5000}) {
            for (Duration span : List.of(
                    Duration.ofSeconds(1),
                    Duration.ofMinutes(7),
                    Duration.ofMinutes(61),
                    Duration.ofHours(5),
                    Duration.ofDays(2),
                    Duration.ofDays(4))) {
                History h = log.history("s:v", from, from.plus(span), maxPoints);
                assertThat(h.points()).as("%s points over %s", maxPoints, span).hasSizeLessThanOrEqualTo(maxPoints);
            }
        }
    }

    @Test
    void fallsBackToACoarserTableWhenRawNoLongerReachesBack() {
        StoreSettings s = StoreSettings.defaults(dir);
        StoreSettings shortRaw = new StoreSettings(
                dir, Duration.ofDays(1), s.minuteRetention(), s.hourRetention(), s.batchSize(), s.flushInterval());
        new Retention(db, shortRaw, new StoreFixtures.MutableClock(T0.plus(Duration.ofDays(3)))).runOnce();
        History h = log.history("s:v", T0, T0.plusSeconds(600), 100_000);
        assertThat(h.resolution()).isEqualTo("minute");
        assertThat(h.points()).hasSize(10);
        assertThat(log.history(
                                "s:v",
                                T0.plus(Duration.ofDays(2)),
                                T0.plus(Duration.ofDays(2)).plusSeconds(600),
                                100)
                        .resolution())
                .isEqualTo("raw");
    }

    @Test
    void rejectsAnEmptyRangeAndNonPositiveMaxPoints() {
        assertThatThrownBy(() -> log.history("s:v", T0, T0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.history("s:v", T0, T0.plusSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
