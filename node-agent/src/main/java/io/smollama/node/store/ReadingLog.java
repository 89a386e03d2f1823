package io.smollama.node.store;

import io.smollama.common.History;
import io.smollama.common.NodeStats;
import io.smollama.common.Reading;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The node's readings: the batch append that the {@link ReadingWriter} drives, and the queries behind the
 * readings, history, sources and stats endpoints. Reads run on pooled read connections and never wait for
 * the writer. Source arguments are full ids ({@code type:id}); a malformed one is an
 * {@link IllegalArgumentException}, one that never had a reading an {@link UnknownSourceException}.
 */
public final class ReadingLog {

    private static final String SOURCE_COLUMNS =
            "id, source, node, type, source_id, unit, kind, metadata, latest_value, latest_text, latest_ts, reading_count";

    private final Database db;
    private final Clock clock;
    private final BatchAppender appender = new BatchAppender();

    public ReadingLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Commits {@code batch} in one transaction: raw rows, rollups and latest values, or nothing. */
    public void append(List<Reading> batch) {
        if (batch.isEmpty()) {
            return;
        }
        db.write(
                c -> {
                    appender.append(c, batch);
                    return null;
                },
                appender::invalidate);
    }

    /** The newest reading of {@code source}, or empty when it has none. */
    public Optional<Reading> latest(String source) {
        return source(source).map(StoredSource::latest);
    }

    /** The newest reading of every source, ordered by source id. */
    public List<Reading> latestAll() {
        return sources().stream()
                .map(StoredSource::latest)
                .filter(r -> r != null)
                .toList();
    }

    /** Every source with at least one stored reading, ordered by source id. */
    public List<StoredSource> sources() {
        return db.read(c -> {
            List<StoredSource> out = new ArrayList<>();
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT " + SOURCE_COLUMNS + " FROM sources ORDER BY source")) {
                while (rs.next()) {
                    out.add(toSource(rs));
                }
            }
            return out;
        });
    }

    /** The source {@code source}, or empty when it never had a reading. */
    public Optional<StoredSource> source(String source) {
        Reading.splitSource(source);
        return db.read(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT " + SOURCE_COLUMNS + " FROM sources WHERE source = ?")) {
                ps.setString(1, source);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(toSource(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Up to {@code limit} raw readings of {@code source}, newest first. */
    public List<Reading> recent(String source, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return db.read(c -> {
            StoredSource s = find(c, source);
            String[] parts = Reading.splitSource(source);
            List<Reading> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT ts, value, text FROM readings WHERE source = (SELECT id FROM sources WHERE source = ?)"
                            + " ORDER BY ts DESC LIMIT ?")) {
                ps.setString(1, source);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Reading(
                                s.node(),
                                parts[0],
                                parts[1],
                                (Double) rs.getObject(2),
                                rs.getString(3),
                                s.unit(),
                                Instant.ofEpochMilli(rs.getLong(1)),
                                s.metadata()));
                    }
                }
            }
            return out;
        });
    }

    /** The numeric history of {@code source} over {@code [from, to)}, at most {@code maxPoints} points. */
    public History history(String source, Instant from, Instant to, int maxPoints) {
        return db.read(c -> HistoryQuery.run(c, idOf(c, source), source, from, to, maxPoints));
    }

    /** Counts, time range, size and ingest rate for {@code GET /api/stats}. */
    public NodeStats stats(String node) {
        long now = clock.millis();
        long windowStart = Resolution.MINUTE.floor(now - 60_000);
        return db.read(c -> {
            Map<String, Long> bySource = new HashMap<>();
            long total = 0;
            long minuteRows = 0;
            long hourRows = 0;
            Long newest = null;
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(
                            "SELECT source, reading_count, minute_rows, hour_rows, latest_ts FROM sources")) {
                while (rs.next()) {
                    bySource.put(rs.getString(1), rs.getLong(2));
                    total += rs.getLong(2);
                    minuteRows += rs.getLong(3);
                    hourRows += rs.getLong(4);
                    long ts = rs.getLong(5);
                    if (!rs.wasNull() && (newest == null || ts > newest)) {
                        newest = ts;
                    }
                }
            }
            Long oldest =
                    scalar(c, "SELECT min((SELECT min(ts) FROM readings r WHERE r.source = s.id)) FROM sources s", 0);
            Long recent = scalar(
                    c,
                    "SELECT sum((SELECT sum(count) FROM rollup_minute m"
                            + " WHERE m.source = s.id AND m.bucket >= ?)) FROM sources s",
                    windowStart);
            double rate = recent == null ? 0 : recent * 1000.0 / Math.max(1, now - windowStart);
            return new NodeStats(
                    node,
                    total,
                    bySource.size(),
                    minuteRows,
                    hourRows,
                    instant(oldest),
                    instant(newest),
                    db.sizeBytes(),
                    rate,
                    bySource);
        });
    }

    private static int idOf(Connection c, String source) throws SQLException {
        Reading.splitSource(source);
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM sources WHERE source = ?")) {
            ps.setString(1, source);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new UnknownSourceException(source);
                }
                return rs.getInt(1);
            }
        }
    }

    private static StoredSource find(Connection c, String source) throws SQLException {
        Reading.splitSource(source);
        try (PreparedStatement ps = c.prepareStatement("SELECT " + SOURCE_COLUMNS + " FROM sources WHERE source = ?")) {
            ps.setString(1, source);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new UnknownSourceException(source);
                }
                return toSource(rs);
            }
        }
    }

    private static StoredSource toSource(ResultSet rs) throws SQLException {
        String node = rs.getString(3);
        String type = rs.getString(4);
        String id = rs.getString(5);
        String unit = rs.getString(6);
        Map<String, String> metadata = SourceRegistry.fromJson(rs.getString(8));
        long ts = rs.getLong(11);
        Reading latest = rs.wasNull()
                ? null
                : new Reading(
                        node,
                        type,
                        id,
                        (Double) rs.getObject(9),
                        rs.getString(10),
                        unit,
                        Instant.ofEpochMilli(ts),
                        metadata);
        return new StoredSource(rs.getString(2), node, rs.getString(7), unit, metadata, rs.getLong(12), latest);
    }

    private static @Nullable Long scalar(Connection c, String sql, long param) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (sql.contains("?")) {
                ps.setLong(1, param);
            }
            try (ResultSet rs = ps.executeQuery()) {
                long v = rs.next() ? rs.getLong(1) : 0;
                return rs.wasNull() ? null : v;
            }
        }
    }

    private static @Nullable Instant instant(@Nullable Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
