package io.smollama.node.store;

import io.smollama.common.Reading;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one batch of readings inside the caller's transaction: raw rows, the minute and hour rollups
 * (aggregated in memory, then one UPSERT per source and bucket), and each source's latest value and row
 * counts. Text readings get raw rows and update the latest value but have no rollups. Timestamps are
 * stored as epoch milliseconds (UTC); finer precision is dropped. Used only under the write lock.
 */
final class BatchAppender {

    private static final String INSERT_READING = "INSERT INTO readings (source, ts, value, text) VALUES (?, ?, ?, ?)";
    private static final String UPDATE_SOURCE = """
            UPDATE sources SET
                latest_value = CASE WHEN latest_ts IS NULL OR ?1 >= latest_ts THEN ?2 ELSE latest_value END,
                latest_text  = CASE WHEN latest_ts IS NULL OR ?1 >= latest_ts THEN ?3 ELSE latest_text END,
                latest_ts    = CASE WHEN latest_ts IS NULL OR ?1 >= latest_ts THEN ?1 ELSE latest_ts END,
                reading_count = reading_count + ?4, minute_rows = minute_rows + ?5, hour_rows = hour_rows + ?6
            WHERE id = ?7""";

    private record SourceKey(String type, String id) {}

    /** The readings of one source in this batch and the newest of them. */
    private static final class Group {
        final List<Reading> readings = new ArrayList<>();
        Reading latest;

        Group(Reading first) {
            latest = first;
        }

        void add(Reading r) {
            readings.add(r);
            if (!r.timestamp().isBefore(latest.timestamp())) {
                latest = r;
            }
        }
    }

    private final SourceRegistry sources = new SourceRegistry();
    private final RollupWriter minutes = new RollupWriter(Resolution.MINUTE);
    private final RollupWriter hours = new RollupWriter(Resolution.HOUR);

    void append(Connection c, List<Reading> batch) throws SQLException {
        Map<SourceKey, Group> groups = new LinkedHashMap<>();
        for (Reading r : batch) {
            groups.computeIfAbsent(new SourceKey(r.sourceType(), r.sourceId()), k -> new Group(r))
                    .add(r);
        }
        try (PreparedStatement insert = c.prepareStatement(INSERT_READING);
                PreparedStatement update = c.prepareStatement(UPDATE_SOURCE);
                RollupWriter.Batch minuteBatch = minutes.begin(c);
                RollupWriter.Batch hourBatch = hours.begin(c)) {
            for (Group g : groups.values()) {
                int id = sources.resolve(c, g.latest);
                Map<Long, RollupWriter.Agg> byMinute = new HashMap<>();
                for (Reading r : g.readings) {
                    long ts = r.timestamp().toEpochMilli();
                    insert.setInt(1, id);
                    insert.setLong(2, ts);
                    Double value = r.value();
                    if (value != null) {
                        insert.setDouble(3, value);
                        insert.setNull(4, Types.VARCHAR);
                        byMinute.computeIfAbsent(Resolution.MINUTE.floor(ts), b -> new RollupWriter.Agg())
                                .add(value);
                    } else {
                        insert.setNull(3, Types.DOUBLE);
                        insert.setString(4, r.text());
                    }
                    insert.addBatch();
                }
                Map<Long, RollupWriter.Agg> byHour = new HashMap<>();
                byMinute.forEach((minute, agg) -> byHour.computeIfAbsent(
                                Resolution.HOUR.floor(minute), b -> new RollupWriter.Agg())
                        .merge(agg));
                int newMinutes = minuteBatch.add(id, byMinute);
                int newHours = hourBatch.add(id, byHour);
                Reading latest = g.latest;
                update.setLong(1, latest.timestamp().toEpochMilli());
                if (latest.value() != null) {
                    update.setDouble(2, latest.value());
                } else {
                    update.setNull(2, Types.DOUBLE);
                }
                update.setString(3, latest.text());
                update.setLong(4, g.readings.size());
                update.setInt(5, newMinutes);
                update.setInt(6, newHours);
                update.setInt(7, id);
                update.addBatch();
            }
            insert.executeBatch();
            minuteBatch.execute();
            hourBatch.execute();
            update.executeBatch();
        }
    }

    /** Drops every cache after a rolled-back transaction. */
    void invalidate() {
        sources.invalidate();
        minutes.invalidate();
        hours.invalidate();
    }
}
