package io.smollama.node.store;

import java.util.List;

/**
 * The ordered migrations of the node database. Append new migrations at the end; never edit one that
 * has shipped. Readings are kept small: an integer source reference, epoch milliseconds (UTC) and
 * either a REAL or a TEXT value; everything else about a source lives once in {@code sources}.
 *
 * <p>Feature packages keep their tables here too, one migration each, so that one ordered history
 * describes the whole file: 2 memory (observations, memories, vectors, FTS5), 3 agent (chat sessions,
 * queued requests), 4 MQTT outbox, 5 sync log and cursors. Features reach the database through
 * {@link Database#read} and {@link Database#write}.
 */
final class Schema {

    static final List<Migration> MIGRATIONS = List.of(
            new Migration(
                    1,
                    "sources, raw readings, minute and hour rollups",
                    List.of(
                            """
                    CREATE TABLE sources (
                        id            INTEGER PRIMARY KEY,
                        source        TEXT NOT NULL UNIQUE,
                        node          TEXT NOT NULL,
                        type          TEXT NOT NULL,
                        source_id     TEXT NOT NULL,
                        unit          TEXT,
                        kind          TEXT NOT NULL CHECK (kind IN ('numeric', 'text')),
                        metadata      TEXT NOT NULL DEFAULT '{}',
                        latest_value  REAL,
                        latest_text   TEXT,
                        latest_ts     INTEGER,
                        reading_count INTEGER NOT NULL DEFAULT 0,
                        minute_rows   INTEGER NOT NULL DEFAULT 0,
                        hour_rows     INTEGER NOT NULL DEFAULT 0
                    )""",
                            """
                    CREATE TABLE readings (
                        source INTEGER NOT NULL REFERENCES sources (id),
                        ts     INTEGER NOT NULL,
                        value  REAL,
                        text   TEXT
                    )""",
                            "CREATE INDEX readings_source_ts ON readings (source, ts)",
                            rollupTable("rollup_minute"),
                            rollupTable("rollup_hour"))),
            new Migration(
                    2,
                    "memory: observations, memories, their vectors and FTS5 keyword indexes",
                    List.of(
                            """
                    CREATE TABLE observations (
                        seq             INTEGER PRIMARY KEY AUTOINCREMENT,
                        id              TEXT NOT NULL UNIQUE,
                        node            TEXT NOT NULL,
                        type            TEXT NOT NULL,
                        text            TEXT NOT NULL,
                        confidence      REAL NOT NULL,
                        related_sources TEXT NOT NULL DEFAULT '[]',
                        source          TEXT NOT NULL,
                        created_at      INTEGER NOT NULL,
                        updated_at      INTEGER NOT NULL,
                        times_seen      INTEGER NOT NULL DEFAULT 1
                    )""",
                            "CREATE INDEX observations_created ON observations (created_at)",
                            """
                    CREATE TABLE memories (
                        seq             INTEGER PRIMARY KEY AUTOINCREMENT,
                        id              TEXT NOT NULL UNIQUE,
                        node            TEXT NOT NULL,
                        fact            TEXT NOT NULL,
                        confidence      REAL NOT NULL,
                        times_confirmed INTEGER NOT NULL DEFAULT 1,
                        active          INTEGER NOT NULL DEFAULT 1,
                        created_at      INTEGER NOT NULL,
                        updated_at      INTEGER NOT NULL
                    )""",
                            "CREATE INDEX memories_updated ON memories (updated_at)",
                            """
                    CREATE TABLE vectors (
                        kind   TEXT NOT NULL CHECK (kind IN ('observation', 'memory')),
                        item   INTEGER NOT NULL,
                        model  TEXT NOT NULL,
                        vector BLOB NOT NULL,
                        UNIQUE (kind, item)
                    )""",
                            "CREATE VIRTUAL TABLE observations_fts USING fts5(text, content='observations',"
                                    + " content_rowid='seq', tokenize='unicode61 remove_diacritics 2')",
                            "CREATE VIRTUAL TABLE memories_fts USING fts5(fact, content='memories',"
                                    + " content_rowid='seq', tokenize='unicode61 remove_diacritics 2')",
                            """
                    CREATE TRIGGER observations_fts_insert AFTER INSERT ON observations BEGIN
                        INSERT INTO observations_fts (rowid, text) VALUES (new.seq, new.text);
                    END""",
                            """
                    CREATE TRIGGER observations_fts_delete AFTER DELETE ON observations BEGIN
                        INSERT INTO observations_fts (observations_fts, rowid, text) VALUES ('delete', old.seq, old.text);
                        DELETE FROM vectors WHERE kind = 'observation' AND item = old.seq;
                    END""",
                            """
                    CREATE TRIGGER memories_fts_insert AFTER INSERT ON memories BEGIN
                        INSERT INTO memories_fts (rowid, fact) VALUES (new.seq, new.fact);
                    END""",
                            """
                    CREATE TRIGGER memories_fts_delete AFTER DELETE ON memories BEGIN
                        INSERT INTO memories_fts (memories_fts, rowid, fact) VALUES ('delete', old.seq, old.fact);
                        DELETE FROM vectors WHERE kind = 'memory' AND item = old.seq;
                    END""")),
            new Migration(
                    3,
                    "agent: chat sessions, chat messages, queued questions",
                    List.of(
                            """
                            CREATE TABLE chat_sessions (
                                id         TEXT PRIMARY KEY,
                                title      TEXT NOT NULL,
                                created_at INTEGER NOT NULL,
                                updated_at INTEGER NOT NULL
                            )""",
                            """
                            CREATE TABLE chat_messages (
                                id         INTEGER PRIMARY KEY AUTOINCREMENT,
                                session_id TEXT NOT NULL REFERENCES chat_sessions (id),
                                role       TEXT NOT NULL CHECK (role IN ('user', 'assistant', 'tool')),
                                content    TEXT NOT NULL,
                                tool       TEXT,
                                arguments  TEXT,
                                created_at INTEGER NOT NULL
                            )""",
                            "CREATE INDEX chat_messages_session ON chat_messages (session_id, id)",
                            "CREATE INDEX chat_sessions_updated ON chat_sessions (updated_at)",
                            """
                            CREATE TABLE chat_queue (
                                id         INTEGER PRIMARY KEY AUTOINCREMENT,
                                session_id TEXT NOT NULL REFERENCES chat_sessions (id),
                                question   TEXT NOT NULL,
                                queued_at  INTEGER NOT NULL
                            )""")),
            new Migration(4, "MQTT outbox", List.of("""
                            CREATE TABLE mqtt_outbox (
                                id         INTEGER PRIMARY KEY AUTOINCREMENT,
                                topic      TEXT NOT NULL,
                                payload    BLOB NOT NULL,
                                qos        INTEGER NOT NULL CHECK (qos IN (1, 2)),
                                retain     INTEGER NOT NULL CHECK (retain IN (0, 1)),
                                created_at INTEGER NOT NULL
                            )""")),
            new Migration(
                    5,
                    "sync: the CRDT log, version vector, Lamport clock, per-item versions, peers",
                    List.of("""
                            CREATE TABLE sync_log (
                                origin     TEXT NOT NULL,
                                seq        INTEGER NOT NULL,
                                id         TEXT NOT NULL UNIQUE,
                                lamport    INTEGER NOT NULL,
                                type       TEXT NOT NULL,
                                payload    TEXT NOT NULL,
                                created_at INTEGER NOT NULL,
                                PRIMARY KEY (origin, seq)
                            ) WITHOUT ROWID""", """
                            CREATE TABLE sync_vector (
                                origin TEXT PRIMARY KEY,
                                hw     INTEGER NOT NULL
                            ) WITHOUT ROWID""", """
                            CREATE TABLE sync_clock (
                                id      INTEGER PRIMARY KEY CHECK (id = 1),
                                lamport INTEGER NOT NULL
                            )""", "INSERT INTO sync_clock (id, lamport) VALUES (1, 0)", """
                            CREATE TABLE sync_items (
                                kind       TEXT NOT NULL CHECK (kind IN ('observation', 'memory')),
                                id         TEXT NOT NULL,
                                lamport    INTEGER NOT NULL,
                                origin     TEXT NOT NULL,
                                removed_at INTEGER,
                                PRIMARY KEY (kind, id)
                            ) WITHOUT ROWID""", """
                            CREATE TABLE sync_peers (
                                node      TEXT PRIMARY KEY,
                                url       TEXT,
                                role      TEXT,
                                version   TEXT,
                                last_seen INTEGER NOT NULL,
                                vector    TEXT NOT NULL DEFAULT '{}'
                            )""")));

    private Schema() {}

    /** The newest schema version this build knows. */
    static int latestVersion() {
        return MIGRATIONS.getLast().version();
    }

    private static String rollupTable(String name) {
        return """
                CREATE TABLE %s (
                    source INTEGER NOT NULL REFERENCES sources (id),
                    bucket INTEGER NOT NULL,
                    min    REAL NOT NULL,
                    max    REAL NOT NULL,
                    sum    REAL NOT NULL,
                    count  INTEGER NOT NULL,
                    PRIMARY KEY (source, bucket)
                ) WITHOUT ROWID""".formatted(name);
    }
}
