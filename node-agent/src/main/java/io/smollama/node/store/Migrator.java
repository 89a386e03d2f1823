package io.smollama.node.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;

/**
 * Brings a database up to {@link Schema#latestVersion()}: each pending migration runs in its own
 * transaction together with its {@code schema_version} row, so a crash leaves the schema at a whole version.
 */
final class Migrator {

    private static final Logger LOG = Logger.getLogger(Migrator.class.getName());

    private Migrator() {}

    static void migrate(Path file, Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("""
                    CREATE TABLE IF NOT EXISTS schema_version (
                        version     INTEGER PRIMARY KEY,
                        description TEXT NOT NULL,
                        applied_at  INTEGER NOT NULL
                    )""");
        }
        c.commit();
        int current = currentVersion(c);
        int latest = Schema.latestVersion();
        if (current > latest) {
            throw new StoreException("database " + file + " has schema version " + current
                    + " but this build of smollama knows versions up to " + latest
                    + "; upgrade smollama or point storage.path at another directory");
        }
        for (Migration m : Schema.MIGRATIONS) {
            if (m.version() > current) {
                apply(file, c, m);
            }
        }
    }

    static int currentVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static void apply(Path file, Connection c, Migration m) throws SQLException {
        try (Statement st = c.createStatement();
                PreparedStatement record = c.prepareStatement(
                        "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
            for (String sql : m.statements()) {
                st.execute(sql);
            }
            record.setInt(1, m.version());
            record.setString(2, m.description());
            record.setLong(3, System.currentTimeMillis());
            record.executeUpdate();
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw new StoreException(
                    "migration " + m.version() + " (" + m.description() + ") failed on " + file + ": " + e.getMessage(),
                    e);
        }
        LOG.info(() -> "applied schema migration " + m.version() + " (" + m.description() + ") to " + file);
    }
}
