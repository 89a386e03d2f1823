package io.smollama.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.common.Reading;
import io.smollama.node.testsupport.TestNode;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plugins}, {@code sources} and {@code read} against a running node-agent. The CLI's own
 * config disables simulated and gpio, so whatever shows them came from the agent, not from plugins
 * loaded by the CLI.
 */
class PluginCommandsWithAgentIT {

    @TempDir
    static Path dir;

    static TestNode node;
    static String url;
    /** Points at the agent's port, with the plugins the agent runs disabled here. */
    static Path config;

    @BeforeAll
    static void start() throws Exception {
        // an hour between readings: the one taken at start stays the latest for the whole test
        node = TestNode.start(dir.resolve("node"), """
                plugins:
                  simulated:
                    enabled: true
                    interval: 1h
                    sensors: [temperature]
                  gpio:
                    provider: mock
                    pins:
                      - {pin: 17, name: door, mode: input}
                """);
        node.awaitReadings("simulated:temperature", 1);
        url = node.agent().baseUri().toString();
        config = Cli.config(dir.resolve("cli"), """
                http:
                  port: %d
                  token: %s
                storage:
                  path: data
                plugins:
                  simulated: {enabled: false}
                  gpio: {enabled: false}
                """.formatted(node.agent().port(), TestNode.TOKEN));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void pluginsWithARunningAgentShowsTheAgentsRunningPlugins() {
        Cli.Run run = Cli.execute("plugins", "--url", url, "-c", config.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .doesNotContain("no node-agent is running")
                .containsPattern("(?m)^system\\s+RUNNING\\s")
                .containsPattern("(?m)^gpio\\s+RUNNING\\s")
                .containsPattern("(?m)^simulated\\s+RUNNING\\s")
                .contains("sources simulated:temperature")
                .doesNotContain("LOADED");
    }

    @Test
    void sourcesWithARunningAgentListsTheAgentsSourcesWithTheirLatestValue() {
        Reading latest = node.client().latest("simulated:temperature").orElseThrow();

        Cli.Run run = Cli.execute("sources", "-c", config.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .doesNotContain("no node-agent is running")
                .containsPattern("(?m)^simulated:temperature\\s+simulated\\s+°C\\s+1h\\s+"
                        + Pattern.quote(ReadCommand.format(latest)) + "$")
                .containsPattern("(?m)^gpio:door\\s+gpio\\s")
                .containsPattern("(?m)^system:load_1m\\s+system\\s");
    }

    @Test
    void readWithARunningAgentPrintsTheAgentsLatestReadingAndItsTime() {
        Reading latest = node.client().latest("simulated:temperature").orElseThrow();

        Cli.Run run = Cli.execute("read", "simulated:temperature", "--url", url, "-c", config.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .isEqualTo("simulated:temperature = " + ReadCommand.format(latest) + "  at " + latest.timestamp()
                        + System.lineSeparator())
                .contains(" °C  at ");
    }

    @Test
    void readOfASourceTheAgentHasNoReadingsForExitsOneWithoutReadingLocally() {
        Cli.Run run = Cli.execute("read", "simulated:humidity", "--url", url, "-c", config.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("the agent has no readings for simulated:humidity");
    }
}
