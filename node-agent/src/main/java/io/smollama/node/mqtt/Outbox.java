package io.smollama.node.mqtt;

import io.smollama.node.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * QoS 1 and 2 messages waiting for the broker's acknowledgement, in the node's database ({@code mqtt_outbox}),
 * so that what was published while the broker was unreachable, or before a restart, still goes out. The row id
 * is the message id: rows are sent in id order and a row is removed only once the broker has acknowledged it.
 * At most {@code limit} rows are kept; beyond that the oldest are dropped (and counted) so a broker that never
 * comes back cannot fill the disk.
 */
final class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());

    /** One queued message. */
    record Entry(long id, String topic, byte[] payload, int qos, boolean retain) {}

    private final Database db;
    private final Clock clock;
    private final int limit;
    private long dropped;

    Outbox(Database db, Clock clock, int limit) {
        this.db = db;
        this.clock = clock;
        this.limit = limit;
    }

    /** Queues a message and returns its id. */
    long add(String topic, byte[] payload, int qos, boolean retain) {
        long[] overflow = {0};
        long id = db.write(c -> {
            long newId;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO mqtt_outbox (topic, payload, qos, retain, created_at) VALUES (?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, topic);
                ps.setBytes(2, payload);
                ps.setInt(3, qos);
                ps.setInt(4, retain ? 1 : 0);
                ps.setLong(5, clock.millis());
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    newId = rs.getLong(1);
                }
            }
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM mqtt_outbox WHERE id <= (SELECT max(id) FROM mqtt_outbox) - ?")) {
                ps.setLong(1, limit);
                overflow[0] = ps.executeUpdate();
            }
            return newId;
        });
        if (overflow[0] > 0) {
            synchronized (this) {
                dropped += overflow[0];
            }
            LOG.warning(() -> "MQTT outbox full (" + limit + " messages): dropped the " + overflow[0]
                    + " oldest; the broker has been unreachable for a long time");
        }
        return id;
    }

    /** Up to {@code max} messages with ids above {@code afterId}, oldest first. */
    List<Entry> next(long afterId, int max) {
        return db.read(c -> {
            List<Entry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, topic, payload, qos, retain FROM mqtt_outbox WHERE id > ? ORDER BY id LIMIT ?")) {
                ps.setLong(1, afterId);
                ps.setInt(2, max);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Entry(
                                rs.getLong(1), rs.getString(2), rs.getBytes(3), rs.getInt(4), rs.getInt(5) == 1));
                    }
                }
            }
            return out;
        });
    }

    /** Removes acknowledged messages. */
    void remove(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM mqtt_outbox WHERE id = ?")) {
                for (long id : ids) {
                    ps.setLong(1, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    long size() {
        return db.read(c -> {
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT count(*) FROM mqtt_outbox")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    synchronized long dropped() {
        return dropped;
    }
}
