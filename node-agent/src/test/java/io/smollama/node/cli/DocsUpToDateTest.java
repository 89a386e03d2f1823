package io.smollama.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.node.docs.ApiReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The generated reference documents in docs/ say what the code says. */
class DocsUpToDateTest {

    private static final Path DOCS = Path.of("..", "docs");

    @Test
    void theConfigurationReferenceMatchesTheConfigSchema() throws IOException {
        assertUpToDate(DOCS.resolve("configuration.md"), DocsCommand.configReference(), "docs config");
    }

    @Test
    void theApiReferenceMatchesTheOpenApiDocument() throws IOException {
        assertUpToDate(DOCS.resolve("api.md"), ApiReference.markdown(), "docs api");
    }

    private static void assertUpToDate(Path file, String generated, String command) throws IOException {
        assertThat(file).as("%s is missing: run scripts/gen-docs.sh", file).exists();
        String committed = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(committed)
                .as(
                        "%s is out of date with the code: run scripts/gen-docs.sh (or smollama-node %s -o %s)"
                                + " and commit the result",
                        file, command, file)
                .isEqualTo(generated);
    }
}
