package io.smollama.node.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.common.PluginInfo;
import io.smollama.node.config.Settings;
import io.smollama.node.testsupport.FakeActuator;
import io.smollama.node.testsupport.FakeSensor;
import io.smollama.node.testsupport.PluginConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginHostTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path data;

    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private PluginHost host;
    private LoadedPlugins loaded;

    @AfterEach
    void closeHost() {
        if (host != null) host.close();
        if (loaded != null) loaded.close();
    }

    private PluginHost start(Map<String, ?> sections, Plugin... plugins) {
        loaded = LoadedPlugins.of(List.of(plugins));
        host = new PluginHost(loaded, CLOCK, Duration.ofMillis(500));
        Settings section = PluginConfigs.pluginsSection(loaded.configSpecs(), loaded.enabledByDefault(), sections);
        host.start(section, "test-node", data);
        return host;
    }

    private static PluginInfo info(PluginHost host, String name) {
        return host.status().stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void pluginThatThrowsInStartIsFailedWithItsReasonWhileOthersRun() {
        start(
                Map.of(),
                new FakeSensor("broken", events).failingStart("sensor not wired"),
                new FakeSensor("fine", events));

        assertThat(info(host, "broken").state()).isEqualTo("FAILED");
        assertThat(info(host, "broken").reason()).isEqualTo("sensor not wired");
        assertThat(info(host, "fine").state()).isEqualTo("RUNNING");
        assertThat(host.sensors()).extracting(SensorHandle::plugin).containsExactly("fine");
    }

    @Test
    void pluginThatHangsInStartIsFailedAfterTheTimeLimit() {
        start(Map.of(), new FakeSensor("stuck", events).hangingStart(), new FakeSensor("fine", events));

        assertThat(info(host, "stuck").state()).isEqualTo("FAILED");
        assertThat(info(host, "stuck").reason()).contains("did not finish within 500ms");
        assertThat(info(host, "fine").state()).isEqualTo("RUNNING");
    }

    @Test
    void pluginWhoseAvailabilitySaysNoIsSkippedWithItsReasonAndNeverStarted() {
        start(Map.of(), new FakeSensor("camera", events).unavailable("no camera attached"));

        assertThat(info(host, "camera").state()).isEqualTo("SKIPPED");
        assertThat(info(host, "camera").reason()).isEqualTo("no camera attached");
        assertThat(events).isEmpty();
    }

    @Test
    void pluginDisabledInConfigIsSkippedAndNeverStarted() {
        start(
                Map.of("quiet", Map.of("enabled", false)),
                new FakeSensor("quiet", events),
                new FakeSensor("loud", events));

        assertThat(info(host, "quiet").state()).isEqualTo("SKIPPED");
        assertThat(info(host, "quiet").reason()).isEqualTo("disabled (plugins.quiet.enabled is false)");
        assertThat(events).containsExactly("start:loud");
    }

    @Test
    void pluginGetsItsOwnConfigSectionNodeNameAndDataDirectory() {
        FakeSensor sensor = new FakeSensor("probe", events);
        start(Map.of("probe", Map.of("level", 7)), sensor);

        PluginContext context = sensor.context();
        assertThat(context).isNotNull();
        assertThat(context.settings().integer("level")).isEqualTo(7);
        assertThat(context.nodeName()).isEqualTo("test-node");
        assertThat(context.clock()).isSameAs(CLOCK);
        assertThat(context.dataDirectory())
                .isEqualTo(data.resolve("plugin-data").resolve("probe"));
        assertThat(Files.isDirectory(context.dataDirectory())).isTrue();
    }

    @Test
    void throwingSampleIsReturnedAsFailureAndOtherPluginsKeepSampling() {
        start(Map.of(), new FakeSensor("flaky", events).throwingSample("bus error"), new FakeSensor("fine", events));
        SensorHandle flaky = host.sensors().get(0);
        SensorHandle fine = host.sensors().get(1);

        assertThat(flaky.sample("value")).isEqualTo(Sample.failure("plugin flaky failed: bus error"));
        assertThat(fine.sample("value")).isEqualTo(Sample.of(42));
        assertThat(info(host, "flaky").state()).isEqualTo("RUNNING");
    }

    @Test
    void consecutiveSampleFailuresShowInStatusUntilTheSourceRecovers() {
        start(Map.of(), new FakeSensor("flaky", events).throwingSample("bus error"));
        SensorHandle flaky = host.sensors().getFirst();

        flaky.sample("value");
        flaky.sample("value");
        assertThat(info(host, "flaky").reason()).isNull();
        flaky.sample("value");
        assertThat(info(host, "flaky").reason())
                .isEqualTo("degraded: source value failed 3 times in a row, last: plugin flaky failed: bus error");

        host.recordSample("flaky", "value", Sample.of(1));
        assertThat(info(host, "flaky").reason()).isNull();
    }

    @Test
    void samplerCanRecordFailuresItDetectsItself() {
        start(Map.of(), new FakeSensor("fine", events));
        for (int i = 0; i < 3; i++) {
            host.recordSample("fine", "value", Sample.failure("value is not finite"));
        }

        assertThat(info(host, "fine").reason())
                .contains("source value failed 3 times in a row, last: value is not finite");
    }

    @Test
    void stopRunsInReverseStartOrderAndAThrowingStopDoesNotKeepOthersRunning() {
        start(
                Map.of(),
                new FakeSensor("first", events),
                new FakeSensor("second", events).failingStop("stuck relay"),
                new FakeSensor("third", events).failingStart("broken"));
        events.clear();

        host.close();

        assertThat(events).containsExactly("stop:third", "stop:second", "stop:first");
        assertThat(host.status()).extracting(PluginInfo::state).containsExactly("STOPPED", "STOPPED", "FAILED");
    }

    @Test
    void statusNamesKindOriginAndSourcesOfEachPlugin() {
        start(Map.of(), new FakeSensor("meter", events), new FakeActuator("lamp"));

        assertThat(host.status())
                .containsExactly(
                        new PluginInfo("meter", "sensor", "RUNNING", null, "builtin", List.of("meter:value")),
                        new PluginInfo("lamp", "actuator", "RUNNING", null, "builtin", List.of()));
    }

    @Test
    void secondPluginWithTheSameNameIsFailedAsDuplicate() {
        start(Map.of(), new FakeSensor("twin", events), new FakeActuator("twin"));

        assertThat(host.status()).hasSize(2);
        PluginInfo duplicate = host.status().get(1);
        assertThat(duplicate.state()).isEqualTo("FAILED");
        assertThat(duplicate.kind()).isEqualTo("actuator");
        assertThat(duplicate.reason()).startsWith("duplicate plugin name, already provided by builtin");
        assertThat(events).containsExactly("start:twin");
    }

    @Test
    void pluginWithAnInvalidNameIsFailedAtLoad() {
        LoadedPlugins plugins = LoadedPlugins.of(List.of(new FakeSensor("Bad Name")));

        assertThat(plugins.names()).isEmpty();
        assertThat(plugins.failures().getFirst().reason()).contains("must be lower_snake_case");
    }

    @Test
    void aPluginNamedLikeASettingOfThePluginsSectionIsFailedNotFatal() {
        LoadedPlugins plugins = LoadedPlugins.of(List.of(new FakeSensor("dir"), new FakeSensor("fine")));

        assertThat(plugins.names()).containsExactly("fine");
        assertThat(plugins.failures().getFirst().reason()).contains("taken by the setting plugins.dir");
        assertThat(io.smollama.node.config.NodeSchema.root(plugins.configSpecs(), plugins.enabledByDefault()))
                .isNotNull();
    }
}
