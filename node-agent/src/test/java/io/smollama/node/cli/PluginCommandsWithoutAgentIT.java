package io.smollama.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plugins}, {@code sources} and {@code read} when no node-agent answers at the configured
 * port: the CLI loads and starts the plugins in its own process and says so.
 */
class PluginCommandsWithoutAgentIT {

    @TempDir
    static Path dir;

    /** system (default on), gpio (no pins: skipped) and simulated (enabled); no agent at the port. */
    static Path config;

    @BeforeAll
    static void writeConfig() {
        config = Cli.config(dir.resolve("cli"), """
                http:
                  port: %d
                storage:
                  path: data
                plugins:
                  simulated:
                    enabled: true
                    sensors: [temperature, motion]
                """.formatted(Cli.closedPort()));
    }

    @Test
    void pluginsWithoutAnAgentLoadsThemHereAndGivesEachStateWithItsReason() {
        Cli.Run run = Cli.execute("plugins", "-c", config.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("no node-agent is running; plugins were loaded and started here")
                .containsPattern("(?m)^system\\s+LOADED\\s")
                .containsPattern("(?m)^gpio\\s+SKIPPED\\s+\\S+\\s+no pins configured under plugins\\.gpio\\.pins")
                .containsPattern("(?m)^simulated\\s+LOADED\\s")
                .contains("sources simulated:temperature, simulated:motion")
                .doesNotContain("RUNNING");
    }

    @Test
    void pluginsWithoutAnAgentExitsOneAndGivesTheReasonWhenAPluginFails() {
        Path broken = Cli.config(dir.resolve("broken"), """
                http:
                  port: %d
                storage:
                  path: data
                plugins:
                  gpio:
                    provider: gpiod
                    pins:
                      - {pin: 17, name: door}
                """.formatted(Cli.closedPort()));

        Cli.Run run = Cli.execute("plugins", "-c", broken.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).containsPattern("(?m)^gpio\\s+FAILED\\s+\\S+\\s+.*no /dev/gpiochip\\* device");
    }

    @Test
    void aPluginsOwnSettingChecksAreConfigProblemsWithFileAndLine() {
        Path twice = Cli.config(dir.resolve("twice"), """
                http:
                  port: %d
                storage:
                  path: data
                plugins:
                  gpio:
                    pins:
                      - {pin: 17, name: door}
                      - {pin: 17, name: window}
                """.formatted(Cli.closedPort()));

        Cli.Run run = Cli.execute("config", "check", "-c", twice.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err())
                .contains("smollama.yaml:9 plugins.gpio.pins[1].pin: BCM 17 is already used by plugins.gpio.pins[0]");
    }

    @Test
    void sourcesWithoutAnAgentListsThePluginsSourcesWithUnitAndInterval() {
        Cli.Run run = Cli.execute("sources", "-c", config.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("no node-agent is running; sources come straight from the plugins")
                .containsPattern("(?m)^simulated:temperature\\s+simulated\\s+°C\\s+5s\\s+Simulated room temperature")
                .containsPattern("(?m)^simulated:motion\\s+simulated\\s+5s\\s+Simulated motion")
                .containsPattern("(?m)^system:load_1m\\s+system\\s")
                .doesNotContain("simulated:humidity");
    }

    @Test
    void readWithoutAnAgentReadsThePluginDirectlyAndPrintsTheValueWithItsUnit() {
        Cli.Run run = Cli.execute("read", "simulated:temperature", "-c", config.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .matches(
                        "simulated:temperature = -?[0-9.]+(E-?[0-9]+)? °C  \\(read directly; no node-agent is running\\)\\R");
    }

    @Test
    void readOfAMalformedSourceIdIsAUsageErrorWithExit2() {
        Cli.Run run = Cli.execute("read", "not-a-source-id", "-c", config.toString());

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("'not-a-source-id'").contains("type:id");
    }

    @Test
    void readOfASourceNoPluginOffersExitsOneNamingIt() {
        Cli.Run run = Cli.execute("read", "simulated:nope", "-c", config.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("no running plugin offers simulated:nope");
    }

    @Test
    void aUrlThatDoesNotAnswerIsAnErrorNotAReasonToReadThePluginsHere() {
        Cli.Run run = Cli.execute(
                "read",
                "simulated:temperature",
                "--url",
                "http://127.0.0.1:" + Cli.closedPort(),
                "-c",
                config.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(3);
        assertThat(run.err()).contains("unreachable");
        assertThat(run.out()).doesNotContain("read directly");
    }

    @Test
    void pluginsAreNotStartedHereWhileAnAgentHoldsTheDataDirectory() throws Exception {
        Path data = config.getParent().resolve("data");
        try (var lock = io.smollama.node.DataDirectoryLock.acquire(data)) {
            Cli.Run run = Cli.execute("plugins", "-c", config.toString());

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
            assertThat(run.err())
                    .contains("already using the data directory")
                    .contains("not starting the plugins here");
            assertThat(run.out()).doesNotContain("LOADED");
        }
    }
}
