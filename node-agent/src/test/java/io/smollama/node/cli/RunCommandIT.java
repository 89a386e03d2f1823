package io.smollama.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} when it cannot serve: it says why and exits, rather than running without an API. */
class RunCommandIT {

    @TempDir
    Path dir;

    @Test
    void aPortInUseStopsTheAgentWithAMessageAndReleasesTheDataDirectory() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path config = Cli.config(dir, """
                    http:
                      port: %d
                    storage:
                      path: data
                    """.formatted(taken.getLocalPort()));

            Cli.Run run = Cli.jar(dir, Map.of(), "run", "-c", config.toString());

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
            assertThat(run.err()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort());
            assertThat(run.out()).doesNotContain("ready at");
            // the lock was released: a second attempt finds the data directory free
            assertThat(Files.readString(config.getParent().resolve("data/agent.lock")))
                    .isNotBlank();
            try (var lock = io.smollama.node.DataDirectoryLock.acquire(
                    config.getParent().resolve("data"))) {
                assertThat(lock).isNotNull();
            }
        }
    }
}
