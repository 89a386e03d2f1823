package io.smollama.node.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes what is past retention: raw readings with a timestamp, and rollup rows with a bucket start, before
 * {@code now - retention} of their table. Deletes run per source in chunks of at most {@value #CHUNK} rows,
 * each its own short write transaction, so the reading writer never waits long; the per-source row counts
 * are kept exact in the same transactions.
 */
public final class Retention {

    static final int CHUNK = 5_000;
    private static final Logger LOG = Logger.getLogger(Retention.class.getName());

    /** How many rows one run deleted from each table. */
    public record Result(long raw, long minute, long hour) {}

    private final Database db;
    private final StoreSettings settings;
    private final Clock clock;

    public Retention(Database db, StoreSettings settings, Clock clock) {
        this.db = db;
        this.settings = settings;
        this.clock = clock;
    }

    /** Deletes everything past retention now. */
    public Result runOnce() {
        long now = clock.millis();
        List<Integer> sources = db.read(c -> {
            List<Integer> ids = new ArrayList<>();
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT id FROM sources")) {
                while (rs.next()) {
                    ids.add(rs.getInt(1));
                }
            }
            return ids;
        });
        Result result = new Result(
                purge(Resolution.RAW, sources, now - settings.rawRetention().toMillis()),
                purge(
                        Resolution.MINUTE,
                        sources,
                        now - settings.minuteRetention().toMillis()),
                purge(Resolution.HOUR, sources, now - settings.hourRetention().toMillis()));
        if (result.raw() + result.minute() + result.hour() > 0) {
            LOG.info(() -> "retention deleted " + result.raw() + " readings, " + result.minute() + " minute and "
                    + result.hour() + " hour rollups from " + db.file());
        }
        return result;
    }

    /**
     * Runs {@link #runOnce()} every {@code period} on {@code scheduler}, starting now. A failed run is logged
     * and the next one still happens.
     */
    public ScheduledFuture<?> schedule(ScheduledExecutorService scheduler, Duration period) {
        return scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        runOnce();
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "retention run on " + db.file() + " failed; retrying next period", e);
                    }
                },
                0,
                period.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private long purge(Resolution r, List<Integer> sources, long cutoff) {
        String key = r == Resolution.RAW ? "rowid" : "bucket";
        String delete = "DELETE FROM " + r.table + " WHERE source = ?1 AND " + key + " IN (SELECT " + key + " FROM "
                + r.table + " WHERE source = ?1 AND " + r.timeColumn + " < ?2 ORDER BY " + r.timeColumn
                + " LIMIT ?3)";
        String count = "UPDATE sources SET " + r.countColumn + " = " + r.countColumn + " - ? WHERE id = ?";
        long total = 0;
        for (int source : sources) {
            int deleted;
            do {
                deleted = db.write(c -> {
                    try (PreparedStatement del = c.prepareStatement(delete);
                            PreparedStatement upd = c.prepareStatement(count)) {
                        del.setInt(1, source);
                        del.setLong(2, cutoff);
                        del.setInt(3, CHUNK);
                        int n = del.executeUpdate();
                        upd.setInt(1, n);
                        upd.setInt(2, source);
                        upd.executeUpdate();
                        return n;
                    }
                });
                total += deleted;
            } while (deleted == CHUNK);
        }
        return total;
    }
}
