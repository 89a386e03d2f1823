package io.smollama.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path dir;

    @Test
    void migrationsApplyOnceAndReopeningIsIdempotent() throws Exception {
        try (Database db = Database.open(dir.resolve("data"))) {
            assertThat(db.schemaVersion()).isEqualTo(Schema.latestVersion());
        }
        try (Database db = Database.open(dir.resolve("data"))) {
            assertThat(db.schemaVersion()).isEqualTo(Schema.latestVersion());
            int rows = db.read(c -> {
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT count(*) FROM schema_version")) {
                    return rs.next() ? rs.getInt(1) : -1;
                }
            });
            assertThat(rows).isEqualTo(Schema.MIGRATIONS.size());
        }
    }

    @Test
    void writeConnectionUsesWalFullSyncAndForeignKeys() {
        try (Database db = Database.open(dir)) {
            String settings = db.write(c -> {
                try (Statement st = c.createStatement()) {
                    return pragma(st, "journal_mode") + "/" + pragma(st, "synchronous") + "/"
                            + pragma(st, "foreign_keys");
                }
            });
            assertThat(settings).isEqualTo("wal/2/1");
            assertThat(db.file()).isEqualTo(dir.toAbsolutePath().resolve("smollama.db"));
            assertThat(db.sizeBytes()).isPositive();
        }
    }

    @Test
    void databaseNewerThanTheCodeIsRefusedNamingThePath() throws Exception {
        Database.open(dir).close();
        Path file = dir.resolve(Database.FILE_NAME);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = c.createStatement()) {
            st.execute("INSERT INTO schema_version VALUES (999, 'from the future', 0)");
        }
        assertThatThrownBy(() -> Database.open(dir))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toAbsolutePath().toString())
                .hasMessageContaining("999");
    }

    @Test
    void fileThatIsNotSqliteIsRefusedNamingThePath() throws Exception {
        Path file = dir.resolve(Database.FILE_NAME);
        Files.writeString(file, "this is not a database, it is a shopping list ".repeat(200));
        assertThatThrownBy(() -> Database.open(dir))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toAbsolutePath().toString())
                .hasMessageContaining("not a SQLite database");
    }

    @Test
    void dataDirectoryThatCannotBeCreatedIsRefusedNamingThePath() throws Exception {
        Path blocker = dir.resolve("blocker");
        Files.writeString(blocker, "a file where a directory should be");
        assertThatThrownBy(() -> Database.open(blocker.resolve("data")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(blocker.resolve("data").toAbsolutePath().toString());
    }

    @Test
    void closedDatabaseRefusesWork() {
        Database db = Database.open(dir);
        db.close();
        db.close();
        assertThatThrownBy(db::schemaVersion).isInstanceOf(IllegalStateException.class);
    }

    private static String pragma(Statement st, String name) throws java.sql.SQLException {
        try (ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getString(1) : "";
        }
    }
}
