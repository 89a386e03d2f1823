package io.smollama.node.store;

import static io.smollama.node.store.StoreFixtures.T0;
import static io.smollama.node.store.StoreFixtures.num;
import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.common.NodeStats;
import io.smollama.common.Reading;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {

    @TempDir
    Path dir;

    Database db;
    ReadingLog log;
    final StoreFixtures.MutableClock clock = new StoreFixtures.MutableClock(T0);
    StoreSettings settings;

    @BeforeEach
    void open() {
        db = Database.open(dir);
        log = new ReadingLog(db, clock);
        settings = new StoreSettings(
                dir, Duration.ofHours(2), Duration.ofHours(10), Duration.ofDays(2), 100, Duration.ofMillis(10));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void deletesExactlyWhatIsPastRetentionInEachTable() {
        List<Reading> batch = new ArrayList<>();
        for (int m = 0; m < 3 * 24 * 60; m++) {
            batch.add(num("s:a", m, T0.plus(Duration.ofMinutes(m)).plusSeconds(30)));
        }
        log.append(batch);
        Instant now = T0.plus(Duration.ofDays(3));
        clock.set(now);

        Retention.Result result = new Retention(db, settings, clock).runOnce();

        Instant rawCut = now.minus(settings.rawRetention());
        Instant minuteCut = now.minus(settings.minuteRetention());
        Instant hourCut = now.minus(settings.hourRetention());
        assertThat(result.raw())
                .isEqualTo(batch.stream()
                        .filter(r -> r.timestamp().isBefore(rawCut))
                        .count());
        assertThat(result.minute()).isEqualTo(Duration.between(T0, minuteCut).toMinutes());
        assertThat(result.hour()).isEqualTo(Duration.between(T0, hourCut).toHours());
        assertThat(oldest("readings", "ts")).isEqualTo(rawCut.plusSeconds(30).toEpochMilli());
        assertThat(oldest("rollup_minute", "bucket")).isEqualTo(minuteCut.toEpochMilli());
        assertThat(oldest("rollup_hour", "bucket")).isEqualTo(hourCut.toEpochMilli());
        NodeStats stats = log.stats("n1");
        assertThat(stats.readingsTotal()).isEqualTo(batch.size() - result.raw());
        assertThat(stats.rollupMinuteRows()).isEqualTo(3 * 24 * 60 - result.minute());
        assertThat(stats.rollupHourRows()).isEqualTo(3 * 24 - result.hour());
        assertThat(log.latest("s:a")).isPresent();
    }

    @Test
    void deletesInChunksUntilNothingIsPastRetention() {
        List<Reading> batch = new ArrayList<>();
        for (int i = 0; i < Retention.CHUNK * 2 + 17; i++) {
            batch.add(num("s:a", i, T0.plusMillis(i)));
        }
        log.append(batch);
        clock.set(T0.plus(Duration.ofHours(3)));
        Retention retention = new Retention(db, settings, clock);

        assertThat(retention.runOnce().raw()).isEqualTo(batch.size());
        assertThat(retention.runOnce()).isEqualTo(new Retention.Result(0, 0, 0));
        assertThat(log.stats("n1").readingsTotal()).isZero();
    }

    @Test
    void readingsWithinRetentionAreKept() {
        log.append(List.of(num("s:a", 1, T0), num("s:a", 2, T0.plus(Duration.ofHours(2)))));
        clock.set(T0.plus(Duration.ofHours(2)));
        assertThat(new Retention(db, settings, clock).runOnce()).isEqualTo(new Retention.Result(0, 0, 0));
        clock.set(T0.plus(Duration.ofHours(2)).plusMillis(1));
        assertThat(new Retention(db, settings, clock).runOnce().raw()).isEqualTo(1);
    }

    private long oldest(String table, String column) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT min(" + column + ") FROM " + table);
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        });
    }
}
