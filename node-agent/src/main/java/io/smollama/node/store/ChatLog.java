package io.smollama.node.store;

import io.smollama.common.ChatMessage;
import io.smollama.common.ChatSession;
import io.smollama.common.ChatTranscript;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Chat sessions, their messages and the queue of questions waiting for the LLM, in the node's
 * SQLite database (migration 3), for the agent package. Every write is durable when it returns, so
 * history and queued questions survive a restart.
 */
public final class ChatLog {

    public static final int TITLE_CHARS = 80;

    /** A question waiting for the LLM, in arrival order. */
    public record Queued(long id, String sessionId, String question, Instant queuedAt) {}

    private final Database db;

    public ChatLog(Database db) {
        this.db = db;
    }

    public boolean exists(String sessionId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM chat_sessions WHERE id = ?")) {
                ps.setString(1, sessionId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Creates the session unless it exists; its title is the start of its first question. */
    public void ensureSession(String sessionId, String firstQuestion, Instant now) {
        String title = firstQuestion.strip().replaceAll("\\s+", " ");
        if (title.length() > TITLE_CHARS) {
            title = title.substring(0, TITLE_CHARS - 1) + "…";
        }
        String t = title;
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT OR IGNORE INTO chat_sessions (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, sessionId);
                ps.setString(2, t);
                ps.setLong(3, now.toEpochMilli());
                ps.setLong(4, now.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    public void append(String sessionId, ChatMessage m) {
        db.write(c -> {
            insert(c, sessionId, m);
            return null;
        });
    }

    private static void insert(Connection c, String sessionId, ChatMessage m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO chat_messages (session_id, role, content, tool, arguments, created_at)"
                                + " VALUES (?, ?, ?, ?, ?, ?)");
                PreparedStatement touch =
                        c.prepareStatement("UPDATE chat_sessions SET updated_at = max(updated_at, ?) WHERE id = ?")) {
            ps.setString(1, sessionId);
            ps.setString(2, m.role());
            ps.setString(3, m.content());
            setNullable(ps, 4, m.tool());
            setNullable(ps, 5, m.arguments());
            ps.setLong(6, m.createdAt().toEpochMilli());
            ps.executeUpdate();
            touch.setLong(1, m.createdAt().toEpochMilli());
            touch.setString(2, sessionId);
            touch.executeUpdate();
        }
    }

    private static void setNullable(PreparedStatement ps, int i, @org.jspecify.annotations.Nullable String v)
            throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, v);
        }
    }

    /** Sessions, most recently used first. */
    public List<ChatSession> sessions(int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT s.id, s.title, s.created_at, s.updated_at,"
                    + " (SELECT count(*) FROM chat_messages m WHERE m.session_id = s.id)"
                    + " FROM chat_sessions s ORDER BY s.updated_at DESC, s.created_at DESC LIMIT ?")) {
                ps.setInt(1, limit);
                List<ChatSession> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(session(rs));
                    }
                }
                return out;
            }
        });
    }

    public Optional<ChatTranscript> transcript(String sessionId) {
        return db.read(c -> {
            ChatSession session;
            try (PreparedStatement ps = c.prepareStatement("SELECT s.id, s.title, s.created_at, s.updated_at,"
                    + " (SELECT count(*) FROM chat_messages m WHERE m.session_id = s.id)"
                    + " FROM chat_sessions s WHERE s.id = ?")) {
                ps.setString(1, sessionId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    session = session(rs);
                }
            }
            List<ChatMessage> messages = new ArrayList<>();
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT role, content, tool, arguments, created_at FROM chat_messages"
                            + " WHERE session_id = ? ORDER BY id")) {
                ps.setString(1, sessionId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        messages.add(message(rs));
                    }
                }
            }
            return Optional.of(new ChatTranscript(session, messages));
        });
    }

    /** The latest {@code limit} user and assistant messages of a session, oldest first. */
    public List<ChatMessage> conversation(String sessionId, int limit) {
        return db.read(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT role, content, tool, arguments, created_at FROM chat_messages"
                            + " WHERE session_id = ? AND role IN ('user', 'assistant') ORDER BY id DESC LIMIT ?")) {
                ps.setString(1, sessionId);
                ps.setInt(2, limit);
                List<ChatMessage> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(message(rs));
                    }
                }
                Collections.reverse(out);
                return out;
            }
        });
    }

    public long enqueue(String sessionId, String question, Instant now) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO chat_queue (session_id, question, queued_at) VALUES (?, ?, ?)",
                    PreparedStatement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, sessionId);
                ps.setString(2, question);
                ps.setLong(3, now.toEpochMilli());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    /** Queued questions, oldest first. */
    public List<Queued> queued() {
        return db.read(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT id, session_id, question, queued_at FROM chat_queue ORDER BY id")) {
                List<Queued> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Queued(
                                rs.getLong(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4))));
                    }
                }
                return out;
            }
        });
    }

    /** Removes a queued question once it has been answered, storing the answer's messages with it. */
    public void answered(long queuedId, String sessionId, List<ChatMessage> messages) {
        db.write(c -> {
            for (ChatMessage m : messages) {
                insert(c, sessionId, m);
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM chat_queue WHERE id = ?")) {
                ps.setLong(1, queuedId);
                return ps.executeUpdate();
            }
        });
    }

    public int queueDepth() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM chat_queue");
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }

    private static ChatSession session(ResultSet rs) throws SQLException {
        return new ChatSession(
                rs.getString(1),
                rs.getString(2),
                Instant.ofEpochMilli(rs.getLong(3)),
                Instant.ofEpochMilli(rs.getLong(4)),
                rs.getInt(5));
    }

    private static ChatMessage message(ResultSet rs) throws SQLException {
        return new ChatMessage(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                Instant.ofEpochMilli(rs.getLong(5)));
    }
}
