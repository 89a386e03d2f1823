package io.smollama.node.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.smollama.common.Json;
import io.smollama.common.Memory;
import io.smollama.common.Observation;
import io.smollama.node.memory.MemoryChanges;
import io.smollama.node.memory.MemoryStore;
import io.smollama.node.memory.MergeTarget;
import io.smollama.node.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The node's CRDT log (tables of migration 5). Every local change of memory is appended in the
 * transaction of the change itself ({@link MemoryChanges}), with the next gap-free seq of this origin and
 * a Lamport time above everything seen. The log is kept whether or not sync is enabled, so a node that
 * enables sync later pushes its whole history.
 *
 * <p>Merging is idempotent and commutative: an entry is stored once by {@code (origin, seq)} (and once by
 * id); the contiguous high-water mark of each origin only moves over entries actually held, so an entry
 * that arrives after a gap is kept and the gap is filled later, never skipped. The materialised item state
 * depends only on the set of entries: per item the state of the entry with the greatest
 * {@code (lamport, origin)} wins, and {@code forget}/{@code remove} tombstones win over any state.
 */
public final class SyncLog implements MemoryChanges {

    static final String OBSERVATION = "observation";
    static final String MEMORY = "memory";
    private static final String COLUMNS = "id, origin, seq, lamport, type, payload, created_at";

    private final Database db;
    private final String self;
    private final Clock clock;
    private final List<Runnable> appendListeners = new CopyOnWriteArrayList<>();

    public SyncLog(Database db, String self, Clock clock) {
        this.db = db;
        this.self = self;
        this.clock = clock;
    }

    /** This node's name: the origin of its own entries. */
    public String self() {
        return self;
    }

    /** Called (inside the appending transaction) whenever a local entry is appended. */
    void onAppend(Runnable listener) {
        appendListeners.add(listener);
    }

    @Override
    public void observationStored(Connection c, Observation o) throws SQLException {
        append(c, EntryType.OBSERVATION, Json.mapper().valueToTree(o));
        setVersion(c, OBSERVATION, o.id(), currentLamport(c), self);
    }

    @Override
    public void memoryStored(Connection c, Memory m) throws SQLException {
        append(c, EntryType.MEMORY, Json.mapper().valueToTree(m));
        setVersion(c, MEMORY, m.id(), currentLamport(c), self);
    }

    @Override
    public void memoryForgotten(Connection c, String id, Instant at) throws SQLException {
        append(c, EntryType.FORGET, SyncEntry.tombstone(id, at));
        tombstone(c, MEMORY, id, at);
    }

    @Override
    public void observationRemoved(Connection c, String id, Instant at) throws SQLException {
        append(c, EntryType.REMOVE, SyncEntry.tombstone(id, at));
        tombstone(c, OBSERVATION, id, at);
    }

    private void append(Connection c, EntryType type, JsonNode payload) throws SQLException {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        long lamport;
        try (PreparedStatement st =
                c.prepareStatement("UPDATE sync_clock SET lamport = lamport + 1 WHERE id = 1 RETURNING lamport")) {
            lamport = single(st);
        }
        long seq;
        try (PreparedStatement st =
                c.prepareStatement("SELECT coalesce(max(seq), 0) + 1 FROM sync_log WHERE origin = ?")) {
            st.setString(1, self);
            seq = single(st);
        }
        insert(c, SyncEntry.local(self, seq, lamport, type, payload, at));
        advance(c, self);
        appendListeners.forEach(Runnable::run);
    }

    /** What a merge did. */
    public record MergeResult(int accepted, int duplicates, VersionVector vector) {}

    /** Merges entries into the log and, through {@code store}, into the memory tables, in one transaction. */
    MergeResult merge(MemoryStore store, List<SyncEntry> entries) {
        return store.merge((c, target) -> mergeIn(c, target, entries));
    }

    /**
     * Stores the entries that are new and materialises them through {@code target}, in the caller's
     * transaction. Entries already held (by origin and seq, or by id) are counted as duplicates.
     */
    MergeResult mergeIn(Connection c, MergeTarget target, List<SyncEntry> entries) throws SQLException {
        int accepted = 0;
        int duplicates = 0;
        long maxLamport = 0;
        TreeSet<String> touched = new TreeSet<>();
        for (SyncEntry e : entries) {
            if (!insert(c, e)) {
                checkSame(c, e);
                duplicates++;
                continue;
            }
            accepted++;
            touched.add(e.origin());
            maxLamport = Math.max(maxLamport, e.lamport());
            materialise(c, target, e);
        }
        try (PreparedStatement st =
                c.prepareStatement("UPDATE sync_clock SET lamport = max(lamport, ?) WHERE id = 1")) {
            st.setLong(1, maxLamport);
            st.executeUpdate();
        }
        for (String origin : touched) {
            advance(c, origin);
        }
        return new MergeResult(accepted, duplicates, vector(c));
    }

    private void materialise(Connection c, MergeTarget target, SyncEntry e) throws SQLException {
        switch (e.change()) {
            case SyncEntry.ObservationState s -> {
                Version v = version(c, OBSERVATION, s.itemId());
                if (v != null && (v.removedAt() != null || !v.olderThan(e))) {
                    return;
                }
                setVersion(c, OBSERVATION, s.itemId(), e.lamport(), e.origin());
                target.putObservation(s.observation());
            }
            case SyncEntry.MemoryState s -> {
                Version v = version(c, MEMORY, s.itemId());
                if (v != null && !v.olderThan(e)) {
                    return;
                }
                setVersion(c, MEMORY, s.itemId(), e.lamport(), e.origin());
                Memory m = s.memory();
                target.putMemory(v == null || v.removedAt() == null ? m : forgotten(m, v.removedAt()));
            }
            case SyncEntry.Forget f -> {
                tombstone(c, MEMORY, f.itemId(), f.at());
                Optional<Memory> current = target.memory(f.itemId());
                if (current.isPresent()) {
                    Memory after = forgotten(current.get(), f.at());
                    if (!after.equals(current.get())) {
                        target.putMemory(after);
                    }
                }
            }
            case SyncEntry.Remove r -> {
                tombstone(c, OBSERVATION, r.itemId(), r.at());
                target.removeObservation(r.itemId());
            }
        }
    }

    /** A memory deactivated by a forget at {@code at}: inactive, updated at the later of the two times. */
    static Memory forgotten(Memory m, Instant at) {
        Instant updated = m.updatedAt().isAfter(at) ? m.updatedAt() : at;
        return new Memory(
                m.id(), m.node(), m.fact(), m.confidence(), m.timesConfirmed(), false, m.createdAt(), updated, null);
    }

    /** The version of an item's materialised state: the winning entry, and the latest tombstone if any. */
    record Version(long lamport, String origin, @Nullable Instant removedAt) {
        boolean olderThan(SyncEntry e) {
            return e.lamport() > lamport
                    || (e.lamport() == lamport && e.origin().compareTo(origin) > 0);
        }
    }

    private static @Nullable Version version(Connection c, String kind, String id) throws SQLException {
        try (PreparedStatement st =
                c.prepareStatement("SELECT lamport, origin, removed_at FROM sync_items WHERE kind = ? AND id = ?")) {
            st.setString(1, kind);
            st.setString(2, id);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long removed = rs.getLong(3);
                Instant removedAt = rs.wasNull() ? null : Instant.ofEpochMilli(removed);
                return new Version(rs.getLong(1), rs.getString(2), removedAt);
            }
        }
    }

    private static void setVersion(Connection c, String kind, String id, long lamport, String origin)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO sync_items (kind, id, lamport, origin)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET lamport = excluded.lamport,"
                + " origin = excluded.origin")) {
            st.setString(1, kind);
            st.setString(2, id);
            st.setLong(3, lamport);
            st.setString(4, origin);
            st.executeUpdate();
        }
    }

    private static void tombstone(Connection c, String kind, String id, Instant at) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO sync_items (kind, id, lamport, origin, removed_at)"
                + " VALUES (?, ?, 0, '', ?) ON CONFLICT (kind, id) DO UPDATE SET removed_at ="
                + " max(coalesce(removed_at, excluded.removed_at), excluded.removed_at)")) {
            st.setString(1, kind);
            st.setString(2, id);
            st.setLong(3, at.toEpochMilli());
            st.executeUpdate();
        }
    }

    private static long currentLamport(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT lamport FROM sync_clock WHERE id = 1")) {
            return single(st);
        }
    }

    /** Inserts an entry unless its (origin, seq) or its id is held already; true when it was new. */
    private static boolean insert(Connection c, SyncEntry e) throws SQLException {
        try (PreparedStatement st =
                c.prepareStatement("INSERT OR IGNORE INTO sync_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, e.id());
            st.setString(2, e.origin());
            st.setLong(3, e.seq());
            st.setLong(4, e.lamport());
            st.setString(5, e.type());
            st.setString(6, e.payload().toString());
            st.setLong(7, e.createdAt().toEpochMilli());
            return st.executeUpdate() == 1;
        }
    }

    /**
     * An entry that was not inserted must be the very entry held: one that claims a held {@code (origin, seq)}
     * under another id (or a held id under another origin or seq) is a different change, and counting it
     * as a duplicate would drop it silently on this node while the sender believes it delivered.
     */
    private static void checkSame(Connection c, SyncEntry e) throws SQLException {
        try (PreparedStatement st =
                c.prepareStatement("SELECT id, origin, seq FROM sync_log WHERE origin = ? AND seq = ?"
                        + " UNION ALL SELECT id, origin, seq FROM sync_log WHERE id = ?")) {
            st.setString(1, e.origin());
            st.setLong(2, e.seq());
            st.setString(3, e.id());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    if (!id.equals(e.id()) || !rs.getString(2).equals(e.origin()) || rs.getLong(3) != e.seq()) {
                        throw new ConflictException(e, id, rs.getString(2), rs.getLong(3));
                    }
                }
            }
        }
    }

    /**
     * Two different entries claim one {@code (origin, seq)} (or one id): the origin started a new log under a
     * name that already had one (its database was lost, or the name was reused). The whole merge is refused.
     */
    public static final class ConflictException extends RuntimeException {
        ConflictException(SyncEntry e, String heldId, String heldOrigin, long heldSeq) {
            super(
                    "entry " + e.id() + " (" + e.origin() + " seq " + e.seq() + ") conflicts with entry " + heldId
                            + " (" + heldOrigin + " seq " + heldSeq + ") held here: node '" + e.origin()
                            + "' started a new sync log under a name that already has one (its database was lost"
                            + " or the name reused); restore its database or give it another node name",
                    null,
                    false,
                    false);
        }
    }

    /** Moves the origin's high-water mark over the entries that now follow it without a gap. */
    private static void advance(Connection c, String origin) throws SQLException {
        long hw = 0;
        try (PreparedStatement st = c.prepareStatement("SELECT hw FROM sync_vector WHERE origin = ?")) {
            st.setString(1, origin);
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    hw = rs.getLong(1);
                }
            }
        }
        boolean contiguous = true;
        while (contiguous) {
            long before = hw;
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT seq FROM sync_log WHERE origin = ? AND seq > ? ORDER BY seq LIMIT 1024")) {
                st.setString(1, origin);
                st.setLong(2, hw);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next() && rs.getLong(1) == hw + 1) {
                        hw++;
                    }
                }
            }
            contiguous = hw - before == 1024;
        }
        try (PreparedStatement st = c.prepareStatement("INSERT INTO sync_vector (origin, hw) VALUES (?, ?)"
                + " ON CONFLICT (origin) DO UPDATE SET hw = excluded.hw")) {
            st.setString(1, origin);
            st.setLong(2, hw);
            st.executeUpdate();
        }
    }

    /** This node's version vector. */
    public VersionVector vector() {
        return db.read(SyncLog::vector);
    }

    private static VersionVector vector(Connection c) throws SQLException {
        Map<String, Long> m = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT origin, hw FROM sync_vector");
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                m.put(rs.getString(1), rs.getLong(2));
            }
        }
        return new VersionVector(m);
    }

    /** A cursor in (origin, seq) order. */
    record Cursor(String origin, long seq) {}

    /** Entries in (origin, seq) order, and whether more follow. */
    public record Page(List<SyncEntry> entries, boolean more) {
        @Nullable
        Cursor last() {
            return entries.isEmpty()
                    ? null
                    : new Cursor(entries.getLast().origin(), entries.getLast().seq());
        }
    }

    /**
     * The entries held here that {@code remote} lacks ({@code seq > remote[origin]}), in (origin, seq) order,
     * after {@code after} when given, leaving out {@code exclude}'s, at most {@code limit}.
     */
    Page entriesAfter(VersionVector remote, @Nullable String exclude, int limit, @Nullable Cursor after) {
        return db.read(c -> {
            List<String> origins = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT origin FROM sync_vector ORDER BY origin");
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    origins.add(rs.getString(1));
                }
            }
            List<SyncEntry> out = new ArrayList<>();
            for (String origin : origins) {
                if (origin.equals(exclude) || (after != null && origin.compareTo(after.origin()) < 0)) {
                    continue;
                }
                long from = remote.get(origin);
                if (after != null && origin.equals(after.origin())) {
                    from = Math.max(from, after.seq());
                }
                try (PreparedStatement st = c.prepareStatement(
                        "SELECT " + COLUMNS + " FROM sync_log WHERE origin = ? AND seq > ? ORDER BY seq LIMIT ?")) {
                    st.setString(1, origin);
                    st.setLong(2, from);
                    st.setInt(3, limit + 1 - out.size());
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            out.add(entryOf(rs));
                        }
                    }
                }
                if (out.size() > limit) {
                    return new Page(List.copyOf(out.subList(0, limit)), true);
                }
            }
            return new Page(out, false);
        });
    }

    /** How many entries held here {@code remote} lacks. */
    long missingFrom(VersionVector remote) {
        return db.read(c -> {
            long n = 0;
            try (PreparedStatement st = c.prepareStatement("SELECT v.origin, (SELECT count(*) FROM sync_log l"
                    + " WHERE l.origin = v.origin AND l.seq > ?) FROM sync_vector v WHERE v.origin = ?")) {
                for (String origin : vector(c).marks().keySet()) {
                    st.setLong(1, remote.get(origin));
                    st.setString(2, origin);
                    try (ResultSet rs = st.executeQuery()) {
                        if (rs.next()) {
                            n += rs.getLong(2);
                        }
                    }
                }
            }
            return n;
        });
    }

    /** Every entry held, in (origin, seq) order (for tests and diagnostics; the log can be large). */
    List<SyncEntry> all() {
        return entriesAfter(VersionVector.EMPTY, null, Integer.MAX_VALUE - 1, null)
                .entries();
    }

    /** Records (or refreshes) a peer that pushed to this node. */
    void savePeer(SyncPeer p) {
        db.write(c -> {
            try (PreparedStatement st =
                    c.prepareStatement("INSERT INTO sync_peers (node, url, role, version, last_seen,"
                            + " vector) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (node) DO UPDATE SET url = coalesce(excluded.url,"
                            + " url), role = coalesce(excluded.role, role), version = coalesce(excluded.version, version),"
                            + " last_seen = excluded.last_seen, vector = excluded.vector")) {
                st.setString(1, p.node());
                st.setString(2, p.url());
                st.setString(3, p.role());
                st.setString(4, p.version());
                st.setLong(5, p.lastSeen().toEpochMilli());
                st.setString(6, Json.mapper().writeValueAsString(p.vector()));
                st.executeUpdate();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
    }

    /** The peers that pushed to this node, most recently seen first. */
    List<SyncPeer> peers() {
        return db.read(c -> {
            List<SyncPeer> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(
                            "SELECT node, url, role, version, last_seen, vector FROM sync_peers ORDER BY last_seen DESC");
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Map<String, Long> v;
                    try {
                        v = Json.mapper().readValue(rs.getString(6), VECTOR);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("sync_peers.vector is not JSON: " + rs.getString(6), e);
                    }
                    out.add(new SyncPeer(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            Instant.ofEpochMilli(rs.getLong(5)),
                            v));
                }
            }
            return out;
        });
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Long>> VECTOR =
            new com.fasterxml.jackson.core.type.TypeReference<>() {};

    private static SyncEntry entryOf(ResultSet rs) throws SQLException {
        try {
            return new SyncEntry(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getLong(3),
                    rs.getLong(4),
                    rs.getString(5),
                    Json.mapper().readTree(rs.getString(6)),
                    Instant.ofEpochMilli(rs.getLong(7)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored sync entry's payload is not JSON", e);
        }
    }

    private static long single(PreparedStatement st) throws SQLException {
        try (ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
