package io.smollama.node.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smollama.common.Json;
import io.smollama.node.BuildInfo;
import io.smollama.node.testsupport.AgentProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --version}, {@code --log-level} and {@code --log-format}, the options every command takes. */
class GlobalOptionsIT {

    @TempDir
    Path dir;

    @Test
    void versionPrintsTheProgramNameAndVersion() throws Exception {
        AgentProcess.Result result = AgentProcess.run(dir, List.of("--version"));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout().lines().findFirst())
                .hasValue("smollama-node " + BuildInfo.version() + " (commit " + BuildInfo.commit() + ")");
        assertThat(BuildInfo.version()).matches("\\d+\\.\\d+\\.\\d+.*");
        if (Files.exists(Path.of("..", ".git"))) { // built from a git checkout (a worktree has a .git file)
            assertThat(BuildInfo.commit()).matches("[0-9a-f]{12}(-dirty)?");
        }
    }

    @Test
    void thePackagedJarPrintsItsVersionAndCommit() throws Exception {
        Path jar = Path.of("target", "smollama-node.jar");
        assertThat(jar).as("failsafe runs after package").exists();
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(javaBin, "-jar", jar.toString(), "--version")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out.lines().findFirst())
                .hasValue("smollama-node " + BuildInfo.version() + " (commit " + BuildInfo.commit() + ")");
    }

    @Test
    void anUnknownLogLevelIsAUsageErrorNamingTheAllowedLevels() {
        Handler[] before = Logger.getLogger("").getHandlers();

        Cli.Run run = Cli.execute(
                "--log-level",
                "nonsense",
                "config",
                "check",
                "-c",
                dir.resolve("smollama.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("'nonsense'").contains("error, warn, info, debug, trace");
        assertThat(Logger.getLogger("").getHandlers())
                .as("a rejected level leaves logging as it was")
                .containsExactly(before);
    }

    @Test
    void anUnknownLogFormatIsAUsageErrorNamingTheAllowedFormats() {
        Handler[] before = Logger.getLogger("").getHandlers();

        Cli.Run run = Cli.execute(
                "--log-format",
                "xml",
                "config",
                "check",
                "-c",
                dir.resolve("smollama.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("--log-format must be text or json, got 'xml'");
        assertThat(Logger.getLogger("").getHandlers())
                .as("a rejected format leaves logging as it was")
                .containsExactly(before);
    }

    @Test
    void logFormatJsonMakesEveryLogLineOfRunAJsonObject() throws Exception {
        Path config = Cli.config(dir, """
                node:
                  name: json-node
                http:
                  port: 0
                storage:
                  path: data
                  flush_interval: 50ms
                """);
        // AgentProcess.start takes no options before 'run', so the agent is started here
        Process agent = new ProcessBuilder(
                        AgentProcess.javaBinary(),
                        "-jar",
                        AgentProcess.jar().toString(),
                        "--log-format",
                        "json",
                        "run",
                        "-c",
                        config.toString())
                .directory(dir.toFile())
                .start();
        try {
            BufferedReader stdout = agent.inputReader(UTF_8);
            String ready = CompletableFuture.supplyAsync(() -> firstLineContaining(stdout, "ready at"))
                    .get(30, SECONDS);
            if (ready == null) {
                agent.waitFor(10, SECONDS);
                throw new AssertionError("the agent exited without 'ready at':\n"
                        + new String(agent.getErrorStream().readAllBytes(), UTF_8));
            }
            agent.toHandle().destroy();
            assertThat(agent.waitFor(20, SECONDS))
                    .as("the agent stops on SIGTERM")
                    .isTrue();

            List<String> logLines = new String(agent.getErrorStream().readAllBytes(), UTF_8)
                    .lines()
                    .filter(line -> !line.isBlank())
                    .toList();

            assertThat(logLines).isNotEmpty();
            for (String line : logLines) {
                JsonNode json = Json.mapper().readTree(line);
                assertThat(json.isObject()).as(line).isTrue();
                assertThat(json.path("level").asText()).as(line).isIn("ERROR", "WARN", "INFO", "DEBUG", "TRACE");
                assertThat(json.path("ts").asText()).as(line).isNotEmpty();
                assertThat(json.path("logger").asText()).as(line).isNotEmpty();
                assertThat(json.path("message").asText()).as(line).isNotEmpty();
            }
            assertThat(logLines).anySatisfy(line -> assertThat(line).contains("Plugin system running"));
        } finally {
            agent.destroyForcibly();
        }
    }

    private static String firstLineContaining(BufferedReader reader, String text) {
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.contains(text)) {
                    return line;
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aUrlThatIsNotHttpIsAUsageErrorNamingWhatIsExpected() {
        Cli.Run run = Cli.execute("status", "--url", "localhost:8080");

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("expected an http(s) URL like http://127.0.0.1:8080, got 'localhost:8080'");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"run", "status", "plugins", "sources", "read", "bench"}) {
            Cli.Run run = Cli.execute(command, "--help");
            assertThat(run.exitCode()).as(command).isZero();
            assertThat(run.out()).as(command).contains("Usage: smollama-node " + command);
        }
    }
}
