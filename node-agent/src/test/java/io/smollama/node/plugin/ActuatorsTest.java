package io.smollama.node.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smollama.common.ActionResult;
import io.smollama.common.ActuatorInfo;
import io.smollama.node.testsupport.FakeActuator;
import io.smollama.node.testsupport.FakeSensor;
import io.smollama.node.testsupport.PluginConfigs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActuatorsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path data;

    private PluginHost host;

    @AfterEach
    void closeHost() {
        if (host != null) host.close();
    }

    private Actuators start(Map<String, ?> sections, Plugin... plugins) {
        LoadedPlugins loaded = LoadedPlugins.of(List.of(plugins));
        host = new PluginHost(loaded, CLOCK);
        host.start(PluginConfigs.pluginsSection(loaded.configSpecs(), loaded.enabledByDefault(), sections), "n", data);
        return host.actuators();
    }

    @Test
    void listsActionsOfRunningActuatorsWithPluginPrefixedIds() {
        Actuators actuators = start(Map.of(), new FakeActuator("lamp"), new FakeSensor("meter"));

        List<ActuatorInfo> list = actuators.list();
        assertThat(list).extracting(ActuatorInfo::id).containsExactly("lamp:dim");
        assertThat(list.getFirst().parameters())
                .extracting(ActuatorInfo.ParameterInfo::type)
                .containsExactly("integer", "boolean", "string");
        assertThat(list.getFirst().parameters().getFirst().max()).isEqualTo(10.0);
    }

    @Test
    void validParamsAreConvertedBeforeThePluginSeesThem() {
        FakeActuator lamp = new FakeActuator("lamp");
        Actuators actuators = start(Map.of(), lamp);

        ActionResult result = actuators.act("lamp:dim", Map.of("level", 3, "on", "true"));

        assertThat(result)
                .isEqualTo(new ActionResult("lamp:dim", true, "dimmed to 3", Map.of("level", 3L), CLOCK.instant()));
        assertThat(lamp.calls()).containsExactly(Map.of("level", 3L, "on", true));
    }

    @Test
    void paramOfTheWrongTypeIsRejectedNamingIt() {
        Actuators actuators = start(Map.of(), new FakeActuator("lamp"));

        assertThatThrownBy(() -> actuators.act("lamp:dim", Map.of("level", "bright", "on", true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'level': expected an integer from 0 to 10, got \"bright\"");
    }

    @Test
    void paramOutOfRangeIsRejected() {
        Actuators actuators = start(Map.of(), new FakeActuator("lamp"));

        assertThatThrownBy(() -> actuators.act("lamp:dim", Map.of("level", 11, "on", true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'level' is out of range: expected an integer from 0 to 10, got 11");
    }

    @Test
    void missingRequiredParamIsRejectedButAMissingOptionalOneIsNot() {
        FakeActuator lamp = new FakeActuator("lamp");
        Actuators actuators = start(Map.of(), lamp);

        assertThatThrownBy(() -> actuators.act("lamp:dim", Map.of("level", 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'on' is required: expected true or false");
        assertThat(actuators.act("lamp:dim", Map.of("level", 2, "on", false)).ok())
                .isTrue();
        assertThat(lamp.calls()).containsExactly(Map.of("level", 2L, "on", false));
    }

    @Test
    void unknownParamsAreRejectedNamingThem() {
        FakeActuator lamp = new FakeActuator("lamp");
        Actuators actuators = start(Map.of(), lamp);

        assertThatThrownBy(() -> actuators.act("lamp:dim", Map.of("level", 2, "on", true, "colour", "red", "blink", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown parameters 'blink', 'colour' for lamp:dim: it takes level, on, note");
        assertThat(lamp.calls()).isEmpty();
    }

    @Test
    void unknownActuatorIdsAreReportedAsUnknown() {
        Actuators actuators =
                start(Map.of("off", Map.of("enabled", false)), new FakeActuator("lamp"), new FakeActuator("off"));

        assertThatThrownBy(() -> actuators.act("lamp:explode", Map.of()))
                .isInstanceOf(UnknownActuatorException.class)
                .hasMessage("unknown actuator 'lamp:explode': plugin lamp offers lamp:dim");
        assertThatThrownBy(() -> actuators.act("toaster:on", Map.of()))
                .isInstanceOf(UnknownActuatorException.class)
                .hasMessage("unknown actuator 'toaster:on': there is no plugin named 'toaster'");
        assertThatThrownBy(() -> actuators.act("off:dim", Map.of()))
                .isInstanceOf(UnknownActuatorException.class)
                .hasMessage("unknown actuator 'off:dim': plugin off is skipped");
    }

    @Test
    void pluginThatThrowsInActGivesAFailedResult() {
        Actuators actuators = start(Map.of(), new FakeActuator("lamp").throwingAct("relay jammed"));

        ActionResult result = actuators.act("lamp:dim", Map.of("level", 1, "on", true));

        assertThat(result.ok()).isFalse();
        assertThat(result.message()).isEqualTo("plugin lamp failed: relay jammed");
        assertThat(result.actuator()).isEqualTo("lamp:dim");
    }

    @Test
    void callsToOnePluginAreSerialised() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        ActuatorPlugin slow = new ActuatorPlugin() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public String description() {
                return "Takes its time.";
            }

            @Override
            public List<ActionSpec> actions() {
                return List.of(new ActionSpec("go", "Goes slowly.", List.of()));
            }

            @Override
            public ActionOutcome act(String action, Map<String, Object> params) {
                if (inside.incrementAndGet() > 1) overlaps.incrementAndGet();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inside.decrementAndGet();
                return ActionOutcome.ok("went", Map.of());
            }
        };
        Actuators actuators = start(Map.of(), slow);

        try (var pool = Executors.newFixedThreadPool(4)) {
            List<Future<ActionResult>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> actuators.act("slow:go", Map.of())));
            }
            for (Future<ActionResult> r : results) {
                assertThat(r.get().ok()).isTrue();
            }
        }
        assertThat(overlaps).hasValue(0);
    }
}
