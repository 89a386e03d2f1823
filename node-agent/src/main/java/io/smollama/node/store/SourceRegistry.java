package io.smollama.node.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.smollama.common.Json;
import io.smollama.common.Reading;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Maps full source ids to the integer ids readings refer to, creating or updating the {@code sources}
 * row when a source first appears or its node, unit, kind or metadata change. Used only under the write
 * lock; after a failed transaction the cache is dropped and reloaded, so it never holds uncommitted ids.
 */
final class SourceRegistry {

    private static final TypeReference<Map<String, String>> META = new TypeReference<>() {};
    private static final String UPSERT = """
            INSERT INTO sources (source, node, type, source_id, unit, kind, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (source) DO UPDATE SET node = excluded.node, unit = excluded.unit,
                kind = excluded.kind, metadata = excluded.metadata
            RETURNING id""";

    private record Row(int id, String node, @Nullable String unit, String kind, Map<String, String> metadata) {}

    private final Map<String, Row> bySource = new HashMap<>();
    private boolean loaded;

    /** The id of {@code latest}'s source, written so that the row describes {@code latest}. */
    int resolve(Connection c, Reading latest) throws SQLException {
        if (!loaded) {
            load(c);
        }
        String source = latest.source();
        String kind = kindOf(latest);
        Row row = bySource.get(source);
        if (row != null
                && row.node().equals(latest.node())
                && Objects.equals(row.unit(), latest.unit())
                && row.kind().equals(kind)
                && row.metadata().equals(latest.metadata())) {
            return row.id();
        }
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            ps.setString(1, source);
            ps.setString(2, latest.node());
            ps.setString(3, latest.sourceType());
            ps.setString(4, latest.sourceId());
            ps.setString(5, latest.unit());
            ps.setString(6, kind);
            ps.setString(7, toJson(latest.metadata()));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("upsert of source " + source + " returned no id");
                }
                int id = rs.getInt(1);
                bySource.put(source, new Row(id, latest.node(), latest.unit(), kind, latest.metadata()));
                return id;
            }
        }
    }

    /** Forgets everything cached; the next {@link #resolve} reloads from the database. */
    void invalidate() {
        bySource.clear();
        loaded = false;
    }

    static String kindOf(Reading r) {
        return r.isNumeric() ? "numeric" : "text";
    }

    static String toJson(Map<String, String> metadata) {
        try {
            return Json.mapper().writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write source metadata as JSON", e);
        }
    }

    static Map<String, String> fromJson(String json) {
        try {
            return Json.mapper().readValue(json, META);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("stored source metadata is not a JSON object of strings: " + json, e);
        }
    }

    private void load(Connection c) throws SQLException {
        bySource.clear();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, source, node, unit, kind, metadata FROM sources")) {
            while (rs.next()) {
                bySource.put(
                        rs.getString(2),
                        new Row(
                                rs.getInt(1),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                fromJson(rs.getString(6))));
            }
        }
        loaded = true;
    }
}
