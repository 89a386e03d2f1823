package io.smollama.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smollama.common.Json;
import io.smollama.node.testsupport.TestNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code status} against a real node-agent on a loopback port, and against a port where nothing listens. */
class StatusCommandIT {

    @TempDir
    static Path dir;

    static TestNode node;
    static String url;
    /** A CLI config that points at nothing: with {@code --url} it must not be needed. */
    static Path elsewhere;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start(dir.resolve("node"), "");
        url = node.agent().baseUri().toString();
        elsewhere = Cli.config(dir.resolve("elsewhere"), """
                http:
                  port: %d
                storage:
                  path: data
                """.formatted(Cli.closedPort()));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void statusOfAHealthyNodeExitsZeroAndNamesNodeRoleAndComponents() {
        Cli.Run run = Cli.execute("status", "--url", url, "-c", elsewhere.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("test-node (node)")
                .contains(": OK")
                .containsPattern("(?m)^\\s+store\\s+UP")
                .containsPattern("(?m)^\\s+sampler\\s+UP")
                .containsPattern("(?m)^\\s+plugin\\.system\\s+UP\\s+RUNNING")
                .containsPattern("(?m)^\\s+plugin\\.gpio\\s+DISABLED\\s+SKIPPED")
                .containsPattern("(?m)^\\s+http\\s+UP");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void statusFindsTheAgentAtThePortOfTheConfiguration() {
        Path config =
                Cli.config(dir.resolve("same-port"), """
                http:
                  port: %d
                storage:
                  path: data
                """.formatted(node.agent().port()));

        Cli.Run run = Cli.execute("status", "-c", config.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("test-node (node)");
    }

    @Test
    void statusJsonPrintsTheHealthDocument() throws Exception {
        Cli.Run run = Cli.execute("status", "--json", "--url", url, "-c", elsewhere.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode health = Json.mapper().readTree(run.out());
        assertThat(health.path("status").asText()).isEqualTo("ok");
        assertThat(health.path("node").asText()).isEqualTo("test-node");
        assertThat(health.path("role").asText()).isEqualTo("node");
        assertThat(health.path("components").path("store").path("status").asText())
                .isEqualTo("UP");
    }

    @Test
    void statusOfAnUnreachableAgentExitsThreeSayingNothingAnswersAtTheUrl() {
        String nowhere = "http://127.0.0.1:" + Cli.closedPort();

        Cli.Run run = Cli.execute("status", "--url", nowhere, "-c", elsewhere.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("no node-agent answers at " + nowhere);
    }

    @Test
    void statusUsesTheConfiguredPortAndIsUnreachableWhenNothingListensThere() {
        Cli.Run run = Cli.execute("status", "-c", elsewhere.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("no node-agent answers at http://127.0.0.1:");
    }

    @Test
    void quietStatusOfAnUnreachableAgentPrintsNothing() {
        Cli.Run run = Cli.execute(
                "status", "--quiet", "--url", "http://127.0.0.1:" + Cli.closedPort(), "-c", elsewhere.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void statusOfANodeWithAFailedPluginIsDegradedWithExitOne() throws Exception {
        try (TestNode failing = TestNode.start(dir.resolve("failing"), """
                plugins:
                  gpio:
                    provider: gpiod
                    pins:
                      - {pin: 17, name: door}
                """)) {
            Cli.Run run =
                    Cli.execute("status", "--url", failing.agent().baseUri().toString(), "-c", elsewhere.toString());

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
            assertThat(run.out())
                    .contains(": DEGRADED")
                    .containsPattern("(?m)^\\s+plugin\\.gpio\\s+DOWN\\s+FAILED: .*no /dev/gpiochip\\* device");
        }
    }
}
