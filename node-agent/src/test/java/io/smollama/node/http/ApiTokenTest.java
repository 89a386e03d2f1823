package io.smollama.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokenTest {

    @TempDir
    Path dir;

    @Test
    void aTokenIsGeneratedOnceIntoAnOwnerOnlyFileAndReusedAfterwards() throws Exception {
        Path file = dir.resolve("data/api-token");

        String first = ApiToken.resolve(Optional.empty(), file);
        String again = ApiToken.resolve(Optional.empty(), file);

        assertThat(first).hasSizeGreaterThanOrEqualTo(43).isEqualTo(again);
        assertThat(Files.readString(file).trim()).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void aConfiguredTokenWinsAndNoFileIsWritten() throws Exception {
        Path file = dir.resolve("api-token");

        assertThat(ApiToken.resolve(Optional.of("configured-token-0123456789"), file))
                .isEqualTo("configured-token-0123456789");
        assertThat(file).doesNotExist();
    }

    @Test
    void anExistingTokenFileReadableByOthersIsMadeOwnerOnly() throws Exception {
        Path file = dir.resolve("api-token");
        Files.writeString(file, "existing-token-0123456789\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(ApiToken.resolve(Optional.empty(), file)).isEqualTo("existing-token-0123456789");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }
}
