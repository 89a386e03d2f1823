package io.smollama.node.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node's SQLite database, {@code <dataDir>/smollama.db}. It owns one write connection, used under a
 * lock so that every write (batch appends, retention chunks) is one short transaction, and a small pool of
 * read-only connections that WAL lets run while the writer commits. Commits are durable: WAL with
 * {@code synchronous=FULL}, so a committed transaction survives kill -9 and power loss.
 */
public final class Database implements AutoCloseable {

    static final String FILE_NAME = "smollama.db";
    private static final Logger LOG = Logger.getLogger(Database.class.getName());
    private static final int SQLITE_NOTADB = 26;
    private static final int READERS = 4;
    private static final int READ_WAIT_SECONDS = 10;

    private final Path file;
    private final Connection writer;
    // fair: retention deletes in many short transactions and must not keep the reading writer out
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final BlockingQueue<Connection> idleReaders = new ArrayBlockingQueue<>(READERS);
    private final List<Connection> readers = new ArrayList<>();
    private volatile boolean closed;

    private Database(Path file, Connection writer) {
        this.file = file;
        this.writer = writer;
    }

    /**
     * Opens (creating when missing) the database in {@code dataDir} and brings its schema up to date.
     *
     * @throws StoreException naming the path when the directory cannot be created or written, the file is
     *     not a SQLite database, or its schema is newer than this build
     */
    public static Database open(Path dataDir) {
        Path dir = dataDir.toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("cannot create data directory " + dir + ": " + e, e);
        }
        if (!Files.isWritable(dir)) {
            throw new StoreException("data directory " + dir + " is not writable");
        }
        Path file = dir.resolve(FILE_NAME);
        Connection writer = connect(file);
        try {
            configureWriter(file, writer);
            Migrator.migrate(file, writer);
        } catch (SQLException | RuntimeException e) {
            closeAfterFailure(writer, e);
            throw e instanceof StoreException se ? se : describe(file, e);
        }
        return new Database(file, writer);
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    /** The schema version of the open database. */
    public int schemaVersion() {
        return read(Migrator::currentVersion);
    }

    /** Bytes on disk: the database file plus its WAL and shared-memory files. */
    public long sizeBytes() {
        long total = 0;
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path p = file.resolveSibling(file.getFileName() + suffix);
            try {
                total += Files.exists(p) ? Files.size(p) : 0;
            } catch (IOException e) {
                throw new StoreException("cannot read the size of " + p + ": " + e, e);
            }
        }
        return total;
    }

    /** Runs {@code work} on the write connection in one transaction, committing when it returns. */
    public <T> T write(SqlWork<T> work) {
        return write(work, () -> {});
    }

    /**
     * Like {@link #write(SqlWork)}, and runs {@code onRollback} under the write lock when the transaction is
     * rolled back, so caches kept beside the write connection can forget what was never committed.
     */
    public <T> T write(SqlWork<T> work, Runnable onRollback) {
        writeLock.lock();
        try {
            checkOpen();
            try {
                T result = work.run(writer);
                writer.commit();
                return result;
            } catch (RuntimeException e) {
                rollback(e);
                onRollback.run();
                throw e;
            } catch (SQLException e) {
                rollback(e);
                onRollback.run();
                throw describe(file, e);
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs {@code work} on a read-only connection inside one read transaction (a consistent snapshot). */
    public <T> T read(SqlWork<T> work) {
        Connection c = acquireReader();
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw describe(file, e);
        } finally {
            releaseReader(c);
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            synchronized (readers) {
                for (Connection c : readers) {
                    closeConnection(c);
                }
                readers.clear();
            }
            try (Statement st = writer.createStatement()) {
                st.execute("PRAGMA optimize");
                writer.commit();
            } catch (SQLException e) {
                LOG.log(Level.WARNING, "PRAGMA optimize failed on " + file + " while closing", e);
            }
            closeConnection(writer);
        } finally {
            writeLock.unlock();
        }
    }

    private Connection acquireReader() {
        checkOpen();
        Connection c = idleReaders.poll();
        if (c != null) {
            return c;
        }
        synchronized (readers) {
            if (readers.size() < READERS) {
                Connection fresh = connect(file);
                try {
                    configureReader(fresh);
                } catch (SQLException e) {
                    closeAfterFailure(fresh, e);
                    throw describe(file, e);
                }
                readers.add(fresh);
                return fresh;
            }
        }
        try {
            Connection waited = idleReaders.poll(READ_WAIT_SECONDS, TimeUnit.SECONDS);
            if (waited == null) {
                throw new StoreException("all " + READERS + " read connections to " + file + " have been busy for "
                        + READ_WAIT_SECONDS + " s");
            }
            return waited;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a read connection to " + file, e);
        }
    }

    private void releaseReader(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            throw describe(file, e);
        } finally {
            if (!closed) {
                idleReaders.offer(c);
            }
        }
    }

    private void rollback(Exception cause) {
        try {
            writer.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("database " + file + " is closed");
        }
    }

    private static Connection connect(Path file) {
        try {
            return DriverManager.getConnection("jdbc:sqlite:" + file);
        } catch (SQLException e) {
            throw describe(file, e);
        }
    }

    private static void configureWriter(Path file, Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA journal_mode=WAL")) {
                String mode = rs.next() ? rs.getString(1) : "unknown";
                if (!"wal".equalsIgnoreCase(mode)) {
                    throw new StoreException("cannot switch " + file + " to WAL journal mode (got " + mode + ")");
                }
            }
            st.execute("PRAGMA synchronous=FULL");
            st.execute("PRAGMA busy_timeout=10000");
            st.execute("PRAGMA foreign_keys=ON");
            st.execute("PRAGMA cache_size=-16384");
            st.execute("PRAGMA temp_store=MEMORY");
            st.execute("PRAGMA journal_size_limit=67108864");
        }
        c.setAutoCommit(false);
    }

    private static void configureReader(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout=10000");
            st.execute("PRAGMA foreign_keys=ON");
            st.execute("PRAGMA cache_size=-8192");
            st.execute("PRAGMA query_only=ON");
        }
        c.setAutoCommit(false);
    }

    static StoreException describe(Path file, Exception e) {
        if (e instanceof StoreException se) {
            return se;
        }
        if (e instanceof SQLException sql && (sql.getErrorCode() == SQLITE_NOTADB)) {
            return new StoreException(file + " is not a SQLite database: " + e.getMessage(), e);
        }
        return new StoreException("SQLite error on " + file + ": " + e.getMessage(), e);
    }

    private static void closeAfterFailure(Connection c, Exception cause) {
        try {
            c.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private void closeConnection(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "closing a connection to " + file + " failed", e);
        }
    }
}
