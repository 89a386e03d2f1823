package io.smollama.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidationTest {

    private static List<String> problemsOf(String yaml) {
        try {
            Configs.fromYaml(yaml, ConfigFixture.schema());
        } catch (ConfigException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
        throw new AssertionError("expected the configuration to be rejected:\n" + yaml);
    }

    @Test
    void unknownKeyIsReportedWithFileAndLine(@TempDir Path tempDir) {
        ConfigFixture fx = new ConfigFixture(tempDir);
        fx.writeWork("smollama.yaml", """
                http:
                  host: 0.0.0.0
                  prot: 9000
                """);

        assertThatThrownBy(fx::load).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                .singleElement()
                .hasToString("smollama.yaml:3 http.prot: unknown key; did you mean 'port'? allowed in http:"
                        + " host, port, token, token_file, open_reads, max_body_bytes"));
    }

    @Test
    void aliasesThatExpandExponentiallyAreRefusedNotExpanded() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [" + "x, ".repeat(49) + "x]\n");
        for (int i = 1; i <= 16; i++) {
            yaml.append("a")
                    .append(i)
                    .append(": &a")
                    .append(i)
                    .append(" [*a")
                    .append(i - 1)
                    .append(", *a")
                    .append(i - 1)
                    .append(", *a")
                    .append(i - 1)
                    .append("]\n");
        }
        assertThat(problemsOf(yaml.toString())).anyMatch(p -> p.contains("expands to more than 100000 values"));
    }

    @Test
    void durationsTooLargeForAnyClockAreReportedAsOutOfRange() {
        assertThat(problemsOf(
                        "storage:\n  raw_retention: 99999999999999999999s\n  minute_retention: 9999999999999999d\n"))
                .containsExactly(
                        "test.yaml:2 storage.raw_retention: expected a duration like 30s, 15m, 2h, 90d or PT30S, from 1h to 3650d,"
                                + " got \"99999999999999999999s\"",
                        "test.yaml:3 storage.minute_retention: expected a duration like 30s, 15m, 2h, 90d or PT30S, from 1h to"
                                + " 3650d, got \"9999999999999999d\"");
    }

    @Test
    void unknownTopLevelKeyListsTheSections() {
        assertThat(problemsOf("zigbee:\n  port: 1883\n"))
                .containsExactly("test.yaml:1 zigbee: unknown key; allowed at the top level: node, http, storage,"
                        + " plugins, log, ollama, memory, observe, agent, mqtt, sync, discovery, cluster");
    }

    @Test
    void unknownPluginSectionNamesTheInstalledPlugins() {
        assertThat(problemsOf("plugins:\n  zigbee:\n    enabled: true\n"))
                .containsExactly("test.yaml:2 plugins.zigbee: no plugin named 'zigbee' is installed;"
                        + " installed plugins: gpio; other keys here: dir");
    }

    @Test
    void wrongTypeIsReported() {
        assertThat(problemsOf("http:\n  port: abc\n  open_reads: maybe\n"))
                .containsExactly(
                        "test.yaml:2 http.port: expected an integer from 0 to 65535, got \"abc\"",
                        "test.yaml:3 http.open_reads: expected true or false, got \"maybe\"");
    }

    @Test
    void outOfRangeNumberIsReported() {
        assertThat(problemsOf("http:\n  port: 70000\n"))
                .containsExactly("test.yaml:2 http.port: expected an integer from 0 to 65535, got 70000");
    }

    @Test
    void badDurationIsReported() {
        assertThat(problemsOf("storage:\n  raw_retention: 7 weeks\n  flush_interval: 5m\n"))
                .containsExactly(
                        "test.yaml:2 storage.raw_retention: expected a duration like 30s, 15m, 2h, 90d or PT30S,"
                                + " from 1h to 3650d, got \"7 weeks\"",
                        "test.yaml:3 storage.flush_interval: expected a duration like 30s, 15m, 2h, 90d or PT30S,"
                                + " from 10ms to 1m, got \"5m\"");
    }

    @Test
    void durationsAcceptShortAndIsoForms() {
        Settings settings = Configs.fromYaml(
                "storage:\n  raw_retention: 2h\n  minute_retention: P30D\n  flush_interval: pt0.5s\n",
                ConfigFixture.schema());

        assertThat(settings.duration("storage.raw_retention")).isEqualTo(Duration.ofHours(2));
        assertThat(settings.duration("storage.minute_retention")).isEqualTo(Duration.ofDays(30));
        assertThat(settings.duration("storage.flush_interval")).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void badEnumWordIsReportedWithTheAllowedWords() {
        assertThat(problemsOf("node:\n  role: boss\n"))
                .containsExactly(
                        "test.yaml:2 node.role: expected one of hub, node, edge (or alias alpaca, llama), got \"boss\"");
    }

    @Test
    void roleAliasesAreAccepted() {
        assertThat(Configs.fromYaml("node: {role: llama}", ConfigFixture.schema())
                        .string("node.role"))
                .isEqualTo("hub");
        assertThat(Configs.fromYaml("node: {role: Alpaca}", ConfigFixture.schema())
                        .string("node.role"))
                .isEqualTo("node");
        assertThat(Configs.fromYaml("node: {role: EDGE}", ConfigFixture.schema())
                        .string("node.role"))
                .isEqualTo("edge");
    }

    @Test
    void sectionThatIsNotAMappingIsReported() {
        assertThat(problemsOf("http: [8080]\nlog: debug\n"))
                .containsExactly(
                        "test.yaml:1 http: expected an object, got a list",
                        "test.yaml:2 log: expected an object, got \"debug\"");
    }

    @Test
    void topLevelThatIsNotAMappingIsReported() {
        assertThat(problemsOf("- http\n- log\n"))
                .containsExactly("test.yaml:1: expected sections like 'http:' at the top level, got a list");
    }

    @Test
    void malformedYamlIsReportedWithLineAndReason() {
        assertThat(problemsOf("http:\n  port: 8080\n  host: a: b\n"))
                .containsExactly("test.yaml:3: invalid YAML: mapping values are not allowed here");
        assertThat(problemsOf("plugins:\n  gpio:\n    labels: [a, b\nlog: {}\n"))
                .singleElement(STRING)
                .startsWith("test.yaml:4: invalid YAML: ")
                .contains("while parsing a flow sequence at line 3");
    }

    @Test
    void moreThanOneDocumentIsReported() {
        assertThat(problemsOf("http: {}\n---\nlog: {}\n"))
                .containsExactly(
                        "test.yaml:2: invalid YAML: expected a single document in the stream but found another document");
    }

    @Test
    void duplicateKeysAreReported() {
        assertThat(problemsOf("http:\n  port: 1\n  port: 2\n"))
                .containsExactly(
                        "test.yaml:3 http.port: duplicate key; it is also set on line 2 (this later value would win)");
    }

    @Test
    void recursiveAliasIsReported() {
        assertThat(problemsOf("plugins:\n  gpio: &g\n    labels: *g\n"))
                .anySatisfy(p -> assertThat(p).contains("recursive values are not allowed"));
    }

    @Test
    void anchorsAndMergeKeysAreHonoured() {
        Settings settings = Configs.fromYaml("""
                plugins:
                  gpio:
                    pins:
                      - &in {pin: 5, mode: output}
                      - <<: *in
                        pin: 6
                """, ConfigFixture.schema());

        assertThat(settings.list("plugins.gpio.pins"))
                .extracting(p -> p.integer("pin"), p -> p.string("mode"))
                .containsExactly(tuple(5L, "output"), tuple(6L, "output"));
    }

    @Test
    void emptyStringIsRejectedWhereAValueIsRequired() {
        assertThat(problemsOf("http:\n  host: ''\n"))
                .containsExactly("test.yaml:2 http.host: expected a non-empty string, got \"\"");
    }

    @Test
    void listElementsAreCheckedAgainstTheElementSchema() {
        assertThat(problemsOf("""
                plugins:
                  gpio:
                    pins:
                      - {pin: 17, mode: sideways}
                      - 4
                      - {pin: 3, pull: up}
                    labels: [a, {b: c}]
                """))
                .containsExactly(
                        "test.yaml:4 plugins.gpio.pins[0].mode: expected one of input, output, got \"sideways\"",
                        "test.yaml:5 plugins.gpio.pins[1]: expected an object with keys pin, mode, got 4",
                        "test.yaml:6 plugins.gpio.pins[2].pull: unknown key; allowed in plugins.gpio.pins[2]: pin, mode",
                        "test.yaml:7 plugins.gpio.labels[1]: expected a string, got an object");
    }

    @Test
    void allProblemsAreReportedAtOnceInLineOrder() {
        assertThat(problemsOf("""
                log:
                  level: loud
                http:
                  port: -1
                  max_body_bytes: 12
                storage:
                  batch_size: 0
                  extra: true
                """))
                .containsExactly(
                        "test.yaml:2 log.level: expected one of error, warn, info, debug, trace, got \"loud\"",
                        "test.yaml:4 http.port: expected an integer from 0 to 65535, got -1",
                        "test.yaml:5 http.max_body_bytes: expected an integer from 1024 to 67108864, got 12",
                        "test.yaml:7 storage.batch_size: expected an integer from 1 to 100000, got 0",
                        "test.yaml:8 storage.extra: unknown key; allowed in storage: path, raw_retention, minute_retention,"
                                + " hour_retention, batch_size, flush_interval");
    }

    @Test
    void valuesAreConvertedToTypedJavaValues() {
        ConfigSpec spec = ConfigSpec.builder()
                .decimal("ratio", 0.5, 0, 1, "")
                .integer("mask", 0, 0, 255, "")
                .integer("count", 0, 0, 100_000, "")
                .integer("pin", 0, 0, 40, "")
                .bool("on", false, "")
                .build();

        Settings settings = Configs.fromYaml("ratio: 0.25\nmask: 0xFF\ncount: 10_000\npin: 017\non: yes\n", spec);

        assertThat(settings.decimal("ratio")).isEqualTo(0.25);
        assertThat(settings.integer("mask")).isEqualTo(255);
        assertThat(settings.integer("count")).isEqualTo(10_000);
        assertThat(settings.integer("pin"))
                .as("a leading zero is decimal, not octal")
                .isEqualTo(17);
        assertThat(settings.bool("on")).isTrue();
    }

    @Test
    void secretValuesNeverAppearInProblems() {
        ConfigSpec spec = ConfigSpec.builder().secret("token", "").build();

        assertThatThrownBy(() -> Configs.fromYaml("token: [hunter2]\n", spec))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("test.yaml:1 token: expected a string, got a list")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void pluginDefaultsAreFilledWhenItsSectionIsAbsent() {
        Settings settings =
                Configs.defaults(NodeSchema.root(Map.of("gpio", ConfigFixture.gpioSpec()), Map.of("gpio", false)));

        assertThat(settings.bool("plugins.gpio.enabled")).isFalse();
        assertThat(settings.list("plugins.gpio.pins")).isEmpty();
    }
}
