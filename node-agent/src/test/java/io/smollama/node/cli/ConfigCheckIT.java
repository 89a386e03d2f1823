package io.smollama.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code config check} and the configuration errors of every command: each effective value with its
 * origin and secrets masked, every problem of a bad file with its file and line, exit code 3.
 */
class ConfigCheckIT {

    private static final Pattern SETTING = Pattern.compile("^(\\S+)\\s+= (.*?)\\s+# (.+)$", Pattern.MULTILINE);
    private static final String FILE_TOKEN = "file-secret-0123456789abcdef";
    private static final String ENV_TOKEN = "env-secret-0123456789abcdef";

    @TempDir
    Path dir;

    /** A value and where it came from, as one line of {@code config check} shows them. */
    record Setting(String value, String origin) {}

    @Test
    void configCheckShowsEveryValueWithItsOriginAndMasksTheToken() {
        Path config = Cli.config(dir, """
                node:
                  name: check-node
                http:
                  port: 9123
                  token: %s
                storage:
                  path: data
                """.formatted(FILE_TOKEN));

        Cli.Run run = Cli.execute("config", "check", "-c", config.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, Setting> settings = settings(run.out());
        assertThat(settings)
                .containsEntry("node.name", new Setting("check-node", "smollama.yaml:2"))
                .containsEntry("http.port", new Setting("9123", "smollama.yaml:4"))
                .containsEntry("http.token", new Setting("****", "smollama.yaml:5"))
                .containsEntry("storage.path", new Setting("data", "smollama.yaml:7"))
                .containsEntry("http.host", new Setting("127.0.0.1", "default"))
                .containsEntry("node.role", new Setting("node", "default"))
                .containsKeys(
                        "storage.flush_interval",
                        "plugins.system.enabled",
                        "plugins.gpio.pins",
                        "plugins.simulated.enabled",
                        "log.level",
                        "log.format");
        assertThat(run.out().lines().filter(line -> line.contains(" = ")))
                .as("every setting line names its origin")
                .allMatch(line -> SETTING.matcher(line).matches());
        assertThat(run.out())
                .contains(config.toString())
                .contains("data in " + dir.resolve("data"))
                .contains("configuration is valid");
        assertThat(run.out() + run.err()).doesNotContain(FILE_TOKEN);
    }

    @Test
    void anEnvironmentVariableOverridesTheFileAndIsShownAsTheOrigin() throws Exception {
        Path config = Cli.config(dir, """
                http:
                  port: 9123
                  token: %s
                storage:
                  path: data
                """.formatted(FILE_TOKEN));

        Cli.Run run = Cli.jar(
                dir,
                Map.of("SMOLLAMA_HTTP_PORT", "9555", "SMOLLAMA_HTTP_TOKEN", ENV_TOKEN),
                "config",
                "check",
                "-c",
                config.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(settings(run.out()))
                .containsEntry("http.port", new Setting("9555", "env SMOLLAMA_HTTP_PORT"))
                .containsEntry("http.token", new Setting("****", "env SMOLLAMA_HTTP_TOKEN"))
                .containsEntry("storage.path", new Setting("data", "smollama.yaml:5"));
        assertThat(run.out() + run.err()).doesNotContain(FILE_TOKEN).doesNotContain(ENV_TOKEN);
    }

    @Test
    void anInvalidFileExitsWith3AndListsEveryProblemWithFileAndLine() {
        Path config = Cli.config(dir, """
                node:
                  role: llamacorn
                  colour: blue
                http:
                  port: 70000
                  open_reads: maybe
                  token: %s
                storage:
                  path: data
                """.formatted(FILE_TOKEN));

        Cli.Run run = Cli.execute("config", "check", "-c", config.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .contains("the configuration has 4 problems")
                .contains("smollama.yaml:2 node.role: expected one of hub, node, edge")
                .contains("got \"llamacorn\"")
                .contains("smollama.yaml:3 node.colour: unknown key")
                .contains("smollama.yaml:5 http.port: expected an integer from 0 to 65535, got 70000")
                .contains("smollama.yaml:6 http.open_reads: expected true or false, got \"maybe\"")
                .doesNotContain(FILE_TOKEN);
    }

    @Test
    void aMissingConfigFileExitsWith3NamingThePath() {
        Path missing = dir.resolve("nowhere").resolve("smollama.yaml");

        Cli.Run run = Cli.execute("config", "check", "-c", missing.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains(missing.toString()).contains("does not exist");
    }

    @Test
    void theAgentRefusesToRunOnAnInvalidConfigWithExit3AndTheProblems() throws Exception {
        Path config = Cli.config(dir, """
                http:
                  port: -1
                storage:
                  path: data
                  flush_interval: soon
                """);

        Cli.Run run = Cli.jar(dir, Map.of(), "run", "-c", config.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).doesNotContain("ready at");
        assertThat(run.err())
                .contains("the configuration has 2 problems")
                .contains("smollama.yaml:2 http.port: expected an integer from 0 to 65535, got -1")
                .contains("smollama.yaml:5 storage.flush_interval: expected");
    }

    /** The {@code key = value  # origin} lines of {@code config check}'s output. */
    private static Map<String, Setting> settings(String output) {
        Map<String, Setting> settings = new LinkedHashMap<>();
        Matcher m = SETTING.matcher(output);
        while (m.find()) {
            settings.put(m.group(1), new Setting(m.group(2), m.group(3)));
        }
        return settings;
    }
}
