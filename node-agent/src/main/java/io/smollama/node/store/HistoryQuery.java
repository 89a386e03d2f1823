package io.smollama.node.store;

import io.smollama.common.History;
import io.smollama.common.HistoryPoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Answers a numeric history over {@code [from, to)} with at most {@code maxPoints} points. The wanted bucket
 * width is {@code ceil((to - from) / maxPoints)}; the coarsest table whose resolution still fits it is used
 * (hour when the width is at least an hour, minute when at least a minute, else raw), falling back to a
 * coarser table when the finer one no longer reaches back to {@code from} (retention). Raw rows are returned
 * as they are when no more than {@code maxPoints} of them lie in the range; otherwise rows are aggregated in
 * SQL into equal-width buckets. Rollup buckets start at {@code from} rounded down to the table's resolution
 * and are whole multiples of it wide, so a rollup row is never split between two points.
 */
final class HistoryQuery {

    private HistoryQuery() {}

    static History run(Connection c, int sourceId, String source, Instant from, Instant to, int maxPoints)
            throws SQLException {
        if (maxPoints < 1) {
            throw new IllegalArgumentException("maxPoints must be at least 1, was " + maxPoints);
        }
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException(
                    "history range is empty: to (" + to + ") must be after from (" + from + ")");
        }
        long f = from.toEpochMilli();
        long t = to.toEpochMilli();
        long wanted = Math.max(1, Math.ceilDiv(t - f, maxPoints));
        Resolution res = choose(c, sourceId, f, wanted);
        if (res == Resolution.RAW) {
            List<HistoryPoint> raw = rawPoints(c, sourceId, f, t, maxPoints);
            if (raw.size() <= maxPoints) {
                return new History(source, from, to, res.label, 0, raw);
            }
            return new History(source, from, to, res.label, wanted, aggregate(c, res, sourceId, f, t, wanted));
        }
        long origin = res.floor(f);
        long width = Math.ceilDiv(Math.ceilDiv(t - origin, maxPoints), res.millis) * res.millis;
        return new History(source, from, to, res.label, width, aggregate(c, res, sourceId, origin, t, width));
    }

    /**
     * The finest table allowed by the wanted width, unless it does not reach back to {@code from} and a coarser
     * table holds rows from before its first row (the finer rows were deleted by retention sooner).
     */
    static Resolution choose(Connection c, int sourceId, long from, long wantedWidth) throws SQLException {
        Resolution chosen = wantedWidth >= Resolution.HOUR.millis
                ? Resolution.HOUR
                : wantedWidth >= Resolution.MINUTE.millis ? Resolution.MINUTE : Resolution.RAW;
        Long chosenOldest = oldest(c, chosen, sourceId);
        for (Resolution coarser : Resolution.values()) {
            if (coarser.ordinal() <= chosen.ordinal() || (chosenOldest != null && chosenOldest <= chosen.floor(from))) {
                continue;
            }
            Long oldest = oldest(c, coarser, sourceId);
            if (oldest != null && (chosenOldest == null || oldest < coarser.floor(chosenOldest))) {
                chosen = coarser;
                chosenOldest = oldest;
            }
        }
        return chosen;
    }

    private static @Nullable Long oldest(Connection c, Resolution r, int sourceId) throws SQLException {
        String where = r == Resolution.RAW ? " AND value IS NOT NULL" : "";
        try (PreparedStatement ps =
                c.prepareStatement("SELECT min(" + r.timeColumn + ") FROM " + r.table + " WHERE source = ?" + where)) {
            ps.setInt(1, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                long v = rs.next() ? rs.getLong(1) : 0;
                return rs.wasNull() ? null : v;
            }
        }
    }

    private static List<HistoryPoint> rawPoints(Connection c, int sourceId, long from, long to, int maxPoints)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT ts, value FROM readings WHERE source = ? AND ts >= ? AND ts < ? AND value IS NOT NULL"
                        + " ORDER BY ts LIMIT ?")) {
            ps.setInt(1, sourceId);
            ps.setLong(2, from);
            ps.setLong(3, to);
            ps.setInt(4, maxPoints + 1);
            List<HistoryPoint> points = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double v = rs.getDouble(2);
                    points.add(new HistoryPoint(Instant.ofEpochMilli(rs.getLong(1)), v, v, v, 1));
                }
            }
            return points;
        }
    }

    private static List<HistoryPoint> aggregate(
            Connection c, Resolution res, int sourceId, long origin, long to, long width) throws SQLException {
        String sql = res == Resolution.RAW
                ? "SELECT (ts - ?1) / ?2 AS b, sum(value), count(value), min(value), max(value) FROM readings"
                        + " WHERE source = ?3 AND ts >= ?1 AND ts < ?4 AND value IS NOT NULL GROUP BY b ORDER BY b"
                : "SELECT (bucket - ?1) / ?2 AS b, sum(sum), sum(count), min(min), max(max) FROM " + res.table
                        + " WHERE source = ?3 AND bucket >= ?1 AND bucket < ?4 GROUP BY b ORDER BY b";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, origin);
            ps.setLong(2, width);
            ps.setInt(3, sourceId);
            ps.setLong(4, to);
            List<HistoryPoint> points = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long count = rs.getLong(3);
                    double min = rs.getDouble(4);
                    double max = rs.getDouble(5);
                    // sum/count can land a rounding error outside [min, max] (ten 19.6s average 19.599…)
                    double avg = Math.min(max, Math.max(min, rs.getDouble(2) / count));
                    points.add(new HistoryPoint(
                            Instant.ofEpochMilli(origin + rs.getLong(1) * width), avg, min, max, count));
                }
            }
            return points;
        }
    }
}
