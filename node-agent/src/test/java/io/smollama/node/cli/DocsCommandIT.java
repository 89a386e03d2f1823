package io.smollama.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.node.docs.ApiReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code smollama-node docs}, run from the packaged jar as scripts/gen-docs.sh runs it. */
class DocsCommandIT {

    @TempDir
    Path dir;

    @Test
    void thePackagedJarPrintsTheApiReferenceAndWritesTheConfigReference() throws Exception {
        Cli.Run api = Cli.jar(dir, Map.of(), "docs", "api");
        assertThat(api.exitCode()).as(api.err()).isZero();
        assertThat(api.out()).isEqualTo(ApiReference.markdown());

        Cli.Run config = Cli.jar(dir, Map.of(), "docs", "config", "-o", "configuration.md");
        assertThat(config.exitCode()).as(config.err()).isZero();
        assertThat(Files.readString(dir.resolve("configuration.md"))).isEqualTo(DocsCommand.configReference());
    }

    @Test
    void anUnknownFormatIsAUsageError() throws Exception {
        Cli.Run run = Cli.jar(dir, Map.of(), "docs", "api", "--format", "html");

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("--format must be markdown, got 'html'");
    }
}
