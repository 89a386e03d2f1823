package io.smollama.node.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.smollama.common.Json;
import io.smollama.common.Memory;
import io.smollama.common.Observation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The SQL of the memory feature (tables of migration 2): rows in and out, vectors, FTS5 keyword search.
 * Every method runs on a connection handed in by {@code Database.read/write}, inside its transaction.
 * Items are addressed by their {@code seq} (the table's integer key) internally and by their UUID
 * {@code id} on the wire.
 */
final class MemoryTables {

    static final String OBSERVATION = "observation";
    static final String MEMORY = "memory";
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]+");
    private static final int MAX_TERMS = 32;
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final String OBSERVATION_COLUMNS =
            "seq, id, node, type, text, confidence, related_sources, source, created_at, updated_at, times_seen";
    private static final String MEMORY_COLUMNS =
            "seq, id, node, fact, confidence, times_confirmed, active, created_at, updated_at";

    private MemoryTables() {}

    /** A row with its integer key. */
    record Row<T>(long seq, T item) {}

    /** An item that needs (re-)embedding. */
    record Pending(String kind, long seq, String text) {}

    /** What the index needs to know about an item, with its vector when it has one of the wanted model. */
    record IndexRow(VectorIndex.Entry entry, byte @Nullable [] vector) {}

    static long insertObservation(Connection c, Observation o) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO observations (id, node, type, text, confidence,"
                + " related_sources, source, created_at, updated_at, times_seen) VALUES (?,?,?,?,?,?,?,?,?,?)"
                + " RETURNING seq")) {
            st.setString(1, o.id());
            st.setString(2, o.node());
            st.setString(3, o.type());
            st.setString(4, o.text());
            st.setDouble(5, o.confidence());
            st.setString(6, json(o.relatedSources()));
            st.setString(7, o.source());
            st.setLong(8, o.createdAt().toEpochMilli());
            st.setLong(9, o.updatedAt().toEpochMilli());
            st.setInt(10, o.timesSeen());
            return returnedKey(st);
        }
    }

    static long insertMemory(Connection c, Memory m) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO memories (id, node, fact, confidence,"
                + " times_confirmed, active, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?) RETURNING seq")) {
            st.setString(1, m.id());
            st.setString(2, m.node());
            st.setString(3, m.fact());
            st.setDouble(4, m.confidence());
            st.setInt(5, m.timesConfirmed());
            st.setInt(6, m.active() ? 1 : 0);
            st.setLong(7, m.createdAt().toEpochMilli());
            st.setLong(8, m.updatedAt().toEpochMilli());
            return returnedKey(st);
        }
    }

    private static String table(String kind) {
        return kind.equals(MEMORY) ? "memories" : "observations";
    }

    /** True when an observation or memory with this id exists. */
    static boolean exists(Connection c, String kind, String id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT 1 FROM " + (kind.equals(MEMORY) ? "memories" : "observations") + " WHERE id = ?")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    static void putVector(Connection c, String kind, long seq, String model, float[] v) throws SQLException {
        // only while the item exists: an item removed while its vector was being computed gets none
        try (PreparedStatement st = c.prepareStatement("INSERT OR REPLACE INTO vectors (kind, item, model, vector)"
                + " SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM " + table(kind) + " WHERE seq = ?)")) {
            st.setString(1, kind);
            st.setLong(2, seq);
            st.setString(3, model);
            st.setBytes(4, Vectors.encode(v));
            st.setLong(5, seq);
            st.executeUpdate();
        }
    }

    /** Vectors of {@code model} for the given items (missing ones are left out). */
    static Map<Long, float[]> vectors(Connection c, String kind, Collection<Long> seqs, String model)
            throws SQLException {
        Map<Long, float[]> out = new LinkedHashMap<>();
        if (seqs.isEmpty()) {
            return out;
        }
        String marks = String.join(",", Collections.nCopies(seqs.size(), "?"));
        try (PreparedStatement st = c.prepareStatement(
                "SELECT item, vector FROM vectors WHERE kind = ? AND model = ? AND item IN (" + marks + ")")) {
            st.setString(1, kind);
            st.setString(2, model);
            int i = 3;
            for (long seq : seqs) {
                st.setLong(i++, seq);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), Vectors.decode(rs.getBytes(2)));
                }
            }
        }
        return out;
    }

    static void reinforceObservation(Connection c, long seq, double confidence, Instant at) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "UPDATE observations SET times_seen = times_seen + 1, confidence = ?, updated_at = ? WHERE seq = ?")) {
            st.setDouble(1, confidence);
            st.setLong(2, at.toEpochMilli());
            st.setLong(3, seq);
            st.executeUpdate();
        }
    }

    static void reinforceMemory(Connection c, long seq, double confidence, Instant at) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE memories SET times_confirmed = times_confirmed + 1,"
                + " confidence = ?, updated_at = ? WHERE seq = ?")) {
            st.setDouble(1, confidence);
            st.setLong(2, at.toEpochMilli());
            st.setLong(3, seq);
            st.executeUpdate();
        }
    }

    /** Deactivates a memory, updated at the later of its own time and {@code at} (as a synced forget does). */
    static void deactivateMemory(Connection c, long seq, Instant at) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "UPDATE memories SET active = 0, updated_at = max(updated_at, ?) WHERE seq = ? AND active = 1")) {
            st.setLong(1, at.toEpochMilli());
            st.setLong(2, seq);
            st.executeUpdate();
        }
    }

    static Optional<Row<Observation>> observation(Connection c, long seq) throws SQLException {
        return one(c, "SELECT " + OBSERVATION_COLUMNS + " FROM observations WHERE seq = ?", seq, true)
                .map(r -> new Row<>(r.seq(), (Observation) r.item()));
    }

    static Optional<Row<Memory>> memory(Connection c, long seq) throws SQLException {
        return one(c, "SELECT " + MEMORY_COLUMNS + " FROM memories WHERE seq = ?", seq, false)
                .map(r -> new Row<>(r.seq(), (Memory) r.item()));
    }

    static Optional<Row<Observation>> observationById(Connection c, String id) throws SQLException {
        try (PreparedStatement st =
                c.prepareStatement("SELECT " + OBSERVATION_COLUMNS + " FROM observations WHERE id = ?")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(new Row<>(rs.getLong(1), observationOf(rs))) : Optional.empty();
            }
        }
    }

    /** Sets every field but the text, type, node and creation time (which the FTS and index rows carry). */
    static void updateObservation(Connection c, long seq, Observation o) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE observations SET confidence = ?, related_sources = ?,"
                + " source = ?, updated_at = ?, times_seen = ? WHERE seq = ?")) {
            st.setDouble(1, o.confidence());
            st.setString(2, json(o.relatedSources()));
            st.setString(3, o.source());
            st.setLong(4, o.updatedAt().toEpochMilli());
            st.setInt(5, o.timesSeen());
            st.setLong(6, seq);
            st.executeUpdate();
        }
    }

    /** Sets every field but the fact, node and creation time. */
    static void updateMemory(Connection c, long seq, Memory m) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE memories SET confidence = ?, times_confirmed = ?,"
                + " active = ?, updated_at = ? WHERE seq = ?")) {
            st.setDouble(1, m.confidence());
            st.setInt(2, m.timesConfirmed());
            st.setInt(3, m.active() ? 1 : 0);
            st.setLong(4, m.updatedAt().toEpochMilli());
            st.setLong(5, seq);
            st.executeUpdate();
        }
    }

    static void deleteMemory(Connection c, long seq) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM memories WHERE seq = ?")) {
            st.setLong(1, seq);
            st.executeUpdate();
        }
    }

    static Optional<Row<Memory>> memoryById(Connection c, String id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + MEMORY_COLUMNS + " FROM memories WHERE id = ?")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(new Row<>(rs.getLong(1), memoryOf(rs))) : Optional.empty();
            }
        }
    }

    private static Optional<Row<Object>> one(Connection c, String sql, long seq, boolean observation)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, seq);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Row<>(rs.getLong(1), observation ? observationOf(rs) : memoryOf(rs)));
            }
        }
    }

    static List<Observation> recentObservations(
            Connection c, int limit, @Nullable String type, @Nullable Instant since, @Nullable String node)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + OBSERVATION_COLUMNS + " FROM observations"
                + " WHERE (?1 IS NULL OR type = ?1) AND created_at >= ?2 AND (?4 IS NULL OR node = ?4)"
                + " ORDER BY created_at DESC, seq DESC LIMIT ?3")) {
            st.setString(1, type);
            st.setLong(2, since == null ? Long.MIN_VALUE : since.toEpochMilli());
            st.setInt(3, limit);
            st.setString(4, node);
            return observations(st);
        }
    }

    static List<Observation> observationsBefore(Connection c, String node, Instant cutoff, int limit)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + OBSERVATION_COLUMNS + " FROM observations"
                + " WHERE created_at < ? AND node = ? ORDER BY created_at, seq LIMIT ?")) {
            st.setLong(1, cutoff.toEpochMilli());
            st.setString(2, node);
            st.setInt(3, limit);
            return observations(st);
        }
    }

    static List<Memory> memories(Connection c, int limit, boolean includeInactive) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + MEMORY_COLUMNS + " FROM memories"
                + " WHERE active = 1 OR ? ORDER BY updated_at DESC, seq DESC LIMIT ?")) {
            st.setBoolean(1, includeInactive);
            st.setInt(2, limit);
            List<Memory> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(memoryOf(rs));
                }
            }
            return out;
        }
    }

    /** Deletes observations by id; returns the seqs removed (their FTS entries and vectors go by trigger). */
    static List<Long> deleteObservations(Connection c, Collection<String> ids) throws SQLException {
        List<Long> removed = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("DELETE FROM observations WHERE id = ? RETURNING seq")) {
            for (String id : ids) {
                st.setString(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        removed.add(rs.getLong(1));
                    }
                }
            }
        }
        return removed;
    }

    /**
     * Keyword search with FTS5 (bm25, best first) over one kind, filters applied in SQL, at most {@code n}
     * seqs. Only the query's distinctive words are matched: stop words, and words found in more than a
     * quarter of the items (or more than {@value #MAX_TERM_ITEMS}) are left out. Such words carry almost no
     * bm25 weight, and matching them would make every search read most of the table. Empty when no word is
     * left.
     */
    static List<Long> keyword(Connection c, String kind, String query, VectorIndex.Filter f, int n)
            throws SQLException {
        List<String> words = distinctiveWords(c, kind, words(query));
        if (words.isEmpty()) {
            return List.of();
        }
        String match =
                String.join(" OR ", words.stream().map(w -> "\"" + w + "\"").toList());
        String sql = kind.equals(OBSERVATION)
                ? "SELECT o.seq FROM observations_fts JOIN observations o ON o.seq = observations_fts.rowid"
                        + " WHERE observations_fts MATCH ?1 AND (?2 IS NULL OR o.type = ?2) AND o.created_at >= ?3"
                        + " AND (?4 IS NULL OR o.node = ?4) ORDER BY bm25(observations_fts) LIMIT ?5"
                : "SELECT m.seq FROM memories_fts JOIN memories m ON m.seq = memories_fts.rowid"
                        + " WHERE memories_fts MATCH ?1 AND (?6 OR m.active = 1) AND m.created_at >= ?3"
                        + " AND (?4 IS NULL OR m.node = ?4) AND ?2 IS NULL ORDER BY bm25(memories_fts) LIMIT ?5";
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, match);
            st.setString(2, f.type());
            st.setLong(3, f.sinceMillis());
            st.setString(4, f.node());
            st.setInt(5, n);
            if (kind.equals(MEMORY)) {
                st.setBoolean(6, f.includeInactive());
            }
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        }
    }

    static final int MAX_TERM_ITEMS = 1_000;

    /** The query's words, lower-cased, without stop words (unless nothing else is left), at most 32. */
    static List<String> words(String query) {
        Set<String> all = new LinkedHashSet<>();
        Matcher m = WORD.matcher(query);
        while (m.find() && all.size() < MAX_TERMS) {
            all.add(m.group().toLowerCase(Locale.ROOT));
        }
        List<String> content = all.stream().filter(w -> !STOP_WORDS.contains(w)).toList();
        return content.isEmpty() ? List.copyOf(all) : content;
    }

    private static List<String> distinctiveWords(Connection c, String kind, List<String> words) throws SQLException {
        if (words.isEmpty()) {
            return words;
        }
        String table = table(kind);
        long items;
        try (PreparedStatement st = c.prepareStatement("SELECT max(seq) - min(seq) + 1 FROM " + table);
                ResultSet rs = st.executeQuery()) {
            items = rs.next() ? rs.getLong(1) : 0;
        }
        long limit = Math.min(MAX_TERM_ITEMS, Math.max(1, items / 4));
        // a bounded count per word: reading at most limit + 1 row ids of each doclist stays cheap
        List<String> kept = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT count(*) FROM (SELECT 1 FROM " + table + "_fts WHERE " + table + "_fts MATCH ? LIMIT ?)")) {
            for (String w : words) {
                st.setString(1, "\"" + w + "\"");
                st.setLong(2, limit + 1);
                try (ResultSet rs = st.executeQuery()) {
                    long docs = rs.next() ? rs.getLong(1) : 0;
                    // words no item contains cannot match; words in too many items say too little
                    if (docs > 0 && docs <= limit) {
                        kept.add(w);
                    }
                }
            }
        }
        return kept;
    }

    /** Words too common to say anything about a match; dropped unless the query has nothing else. */
    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "and", "are", "as", "at", "be", "by", "did", "do", "does", "for", "from", "had", "has", "have",
            "how", "i", "in", "is", "it", "its", "me", "my", "of", "on", "or", "our", "that", "the", "their", "there",
            "this", "to", "was", "we", "were", "what", "when", "where", "which", "who", "why", "will", "with", "you");

    /** Streams every item with its filter attributes and its vector when that vector is of {@code model}. */
    static void scan(Connection c, String model, Consumer<IndexRow> sink) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT o.seq, o.type, o.created_at, o.node, v.vector"
                + " FROM observations o LEFT JOIN vectors v ON v.kind = 'observation' AND v.item = o.seq"
                + " AND v.model = ?")) {
            st.setString(1, model);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    sink.accept(new IndexRow(
                            new VectorIndex.Entry(
                                    VectorIndex.OBSERVATION,
                                    rs.getLong(1),
                                    rs.getString(2),
                                    rs.getLong(3),
                                    rs.getString(4),
                                    true),
                            rs.getBytes(5)));
                }
            }
        }
        try (PreparedStatement st = c.prepareStatement("SELECT m.seq, m.created_at, m.node, m.active, v.vector"
                + " FROM memories m LEFT JOIN vectors v ON v.kind = 'memory' AND v.item = m.seq AND v.model = ?")) {
            st.setString(1, model);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    sink.accept(new IndexRow(
                            new VectorIndex.Entry(
                                    VectorIndex.MEMORY,
                                    rs.getLong(1),
                                    "",
                                    rs.getLong(2),
                                    rs.getString(3),
                                    rs.getInt(4) != 0),
                            rs.getBytes(5)));
                }
            }
        }
    }

    /**
     * Items of one kind after {@code afterSeq} (in seq order) without a vector of {@code model}, at most
     * {@code limit}. Walking forward from a cursor keeps a full pass linear in the number of items.
     */
    static List<Pending> pending(Connection c, String kind, String model, long afterSeq, int limit)
            throws SQLException {
        String sql = kind.equals(MEMORY)
                ? "SELECT m.seq, m.fact FROM memories m WHERE m.seq > ?1 AND NOT EXISTS (SELECT 1 FROM vectors v"
                        + " WHERE v.kind = 'memory' AND v.item = m.seq AND v.model = ?2) ORDER BY m.seq LIMIT ?3"
                : "SELECT o.seq, o.text FROM observations o WHERE o.seq > ?1 AND NOT EXISTS (SELECT 1 FROM vectors v"
                        + " WHERE v.kind = 'observation' AND v.item = o.seq AND v.model = ?2) ORDER BY o.seq LIMIT ?3";
        List<Pending> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, afterSeq);
            st.setString(2, model);
            st.setInt(3, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Pending(kind, rs.getLong(1), rs.getString(2)));
                }
            }
        }
        return out;
    }

    /** How many items exist, and how many have a vector of {@code model}. */
    static long[] counts(Connection c, String model) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT (SELECT count(*) FROM observations),"
                + " (SELECT count(*) FROM memories), (SELECT count(*) FROM vectors WHERE model = ?)")) {
            st.setString(1, model);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            }
        }
    }

    /** Observations with seq greater than {@code after}, in seq order, at most {@code limit} (for export). */
    static List<Row<Observation>> observationPage(Connection c, long after, int limit) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT " + OBSERVATION_COLUMNS + " FROM observations WHERE seq > ? ORDER BY seq LIMIT ?")) {
            st.setLong(1, after);
            st.setInt(2, limit);
            List<Row<Observation>> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row<>(rs.getLong(1), observationOf(rs)));
                }
            }
            return out;
        }
    }

    static List<Row<Memory>> memoryPage(Connection c, long after, int limit) throws SQLException {
        try (PreparedStatement st =
                c.prepareStatement("SELECT " + MEMORY_COLUMNS + " FROM memories WHERE seq > ? ORDER BY seq LIMIT ?")) {
            st.setLong(1, after);
            st.setInt(2, limit);
            List<Row<Memory>> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row<>(rs.getLong(1), memoryOf(rs)));
                }
            }
            return out;
        }
    }

    private static List<Observation> observations(PreparedStatement st) throws SQLException {
        List<Observation> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(observationOf(rs));
            }
        }
        return out;
    }

    private static Observation observationOf(ResultSet rs) throws SQLException {
        return new Observation(
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getDouble(6),
                strings(rs.getString(7)),
                rs.getString(8),
                Instant.ofEpochMilli(rs.getLong(9)),
                Instant.ofEpochMilli(rs.getLong(10)),
                rs.getInt(11),
                null);
    }

    private static Memory memoryOf(ResultSet rs) throws SQLException {
        return new Memory(
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getDouble(5),
                rs.getInt(6),
                rs.getInt(7) != 0,
                Instant.ofEpochMilli(rs.getLong(8)),
                Instant.ofEpochMilli(rs.getLong(9)),
                null);
    }

    private static long returnedKey(PreparedStatement st) throws SQLException {
        try (ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String json(List<String> list) {
        try {
            return Json.mapper().writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> strings(String json) {
        try {
            return Json.mapper().readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("related_sources is not a JSON list: " + json, e);
        }
    }
}
