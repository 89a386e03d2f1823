package io.smollama.node.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Folds one batch's per-bucket aggregates into a rollup table with one UPSERT per (source, bucket), and
 * tells how many rows were new so {@code sources} can keep exact row counts without counting the table.
 * A row is new when its bucket lies above the highest bucket stored for the source (cached; retention only
 * lowers the true maximum, so the cache stays an upper bound) or, for late readings, when a lookup finds none.
 * Used only under the write lock; {@link #invalidate()} after a failed transaction.
 */
final class RollupWriter {

    /** Running min, max, sum and count of the numeric values in one bucket. */
    static final class Agg {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum;
        long count;

        void add(double v) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
            count++;
        }

        void merge(Agg o) {
            min = Math.min(min, o.min);
            max = Math.max(max, o.max);
            sum += o.sum;
            count += o.count;
        }
    }

    private final Resolution resolution;
    private final Map<Integer, Long> maxBucket = new HashMap<>();
    private final String upsertSql;
    private final String existsSql;
    private final String maxSql;

    RollupWriter(Resolution resolution) {
        this.resolution = resolution;
        String t = resolution.table;
        this.upsertSql = "INSERT INTO " + t + " (source, bucket, min, max, sum, count) VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (source, bucket) DO UPDATE SET min = min(min, excluded.min),"
                + " max = max(max, excluded.max), sum = sum + excluded.sum, count = count + excluded.count";
        this.existsSql = "SELECT 1 FROM " + t + " WHERE source = ? AND bucket = ?";
        this.maxSql = "SELECT max(bucket) FROM " + t + " WHERE source = ?";
    }

    /** Statements for one batch; close it when the batch is written. */
    Batch begin(Connection c) throws SQLException {
        return new Batch(c);
    }

    void invalidate() {
        maxBucket.clear();
    }

    final class Batch implements AutoCloseable {
        private final PreparedStatement upsert;
        private final PreparedStatement exists;
        private final PreparedStatement max;

        private Batch(Connection c) throws SQLException {
            this.upsert = c.prepareStatement(upsertSql);
            this.exists = c.prepareStatement(existsSql);
            this.max = c.prepareStatement(maxSql);
        }

        /** Queues the upserts of one source's buckets; returns how many of them create a row. */
        int add(int source, Map<Long, Agg> buckets) throws SQLException {
            long knownMax = knownMax(source);
            long newMax = knownMax;
            int created = 0;
            for (Map.Entry<Long, Agg> e : buckets.entrySet()) {
                long bucket = e.getKey();
                Agg a = e.getValue();
                if (bucket > knownMax || !exists(source, bucket)) {
                    created++;
                }
                newMax = Math.max(newMax, bucket);
                upsert.setInt(1, source);
                upsert.setLong(2, bucket);
                upsert.setDouble(3, a.min);
                upsert.setDouble(4, a.max);
                upsert.setDouble(5, a.sum);
                upsert.setLong(6, a.count);
                upsert.addBatch();
            }
            maxBucket.put(source, newMax);
            return created;
        }

        void execute() throws SQLException {
            upsert.executeBatch();
        }

        private long knownMax(int source) throws SQLException {
            Long cached = maxBucket.get(source);
            if (cached != null) {
                return cached;
            }
            max.setInt(1, source);
            try (ResultSet rs = max.executeQuery()) {
                long m = rs.next() ? rs.getLong(1) : 0;
                return rs.wasNull() ? Long.MIN_VALUE : m;
            }
        }

        private boolean exists(int source, long bucket) throws SQLException {
            exists.setInt(1, source);
            exists.setLong(2, bucket);
            try (ResultSet rs = exists.executeQuery()) {
                return rs.next();
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                upsert.close();
            } finally {
                try {
                    exists.close();
                } finally {
                    max.close();
                }
            }
        }
    }

    Resolution resolution() {
        return resolution;
    }
}
