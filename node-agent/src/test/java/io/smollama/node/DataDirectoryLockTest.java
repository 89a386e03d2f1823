package io.smollama.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryLockTest {

    @TempDir
    Path dir;

    @Test
    void aNewDataDirectoryIsOwnerOnly() throws Exception {
        Path data = dir.resolve("data");
        try (DataDirectoryLock lock = DataDirectoryLock.acquire(data)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
                    .isEqualTo("rwx------");
        }
    }

    @Test
    void aSecondHolderIsRefusedWithThePidOfTheFirstAndMayTakeOverOnceItIsReleased() throws Exception {
        Path data = dir.resolve("data");
        DataDirectoryLock first = DataDirectoryLock.acquire(data);

        assertThatThrownBy(() -> DataDirectoryLock.acquire(data))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("(pid " + ProcessHandle.current().pid() + ")")
                .hasMessageContaining("already using the data directory " + data);

        first.close();
        try (DataDirectoryLock second = DataDirectoryLock.acquire(data)) {
            assertThat(second).isNotNull();
        }
    }
}
