package io.smollama.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import io.smollama.common.ActuatorInfo;
import io.smollama.node.plugin.Actuators;
import io.smollama.node.plugin.LoadedPlugins;
import io.smollama.node.plugin.PluginHost;
import io.smollama.node.testsupport.FakeActuator;
import io.smollama.node.testsupport.PluginConfigs;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolboxTest {

    @TempDir
    Path data;

    private PluginHost host;

    @AfterEach
    void close() {
        if (host != null) {
            host.close();
        }
    }

    private static final AgentTool ECHO = new FunctionTool(
            "echo",
            "Repeats the text.",
            List.of(
                    ToolParameter.string("text", "What to repeat", true),
                    ToolParameter.integer("times", "How often", false, 1, 3),
                    ToolParameter.oneOf("tone", "How", false, List.of("loud", "soft"))),
            args -> args.get("text").asText().repeat(args.path("times").asInt(1)));

    @Test
    void toolsBecomeLangChain4jSpecificationsWithTypesRequiredAndAllowedValues() {
        ToolSpecification spec = new Toolbox(List.of(ECHO)).specifications().getFirst();
        assertThat(spec.name()).isEqualTo("echo");
        assertThat(spec.parameters().required()).containsExactly("text");
        assertThat(spec.parameters().properties().get("times")).isInstanceOf(JsonIntegerSchema.class);
        assertThat(((JsonIntegerSchema) spec.parameters().properties().get("times")).description())
                .contains("from 1 to 3");
        assertThat(((JsonEnumSchema) spec.parameters().properties().get("tone")).enumValues())
                .containsExactly("loud", "soft");
        assertThat(ECHO.parameters().get(1).jsonSchema().toString())
                .isEqualTo("{\"type\":\"integer\",\"description\":\"How often\",\"minimum\":1.0,\"maximum\":3.0}");
    }

    @Test
    void aValidCallRunsTheTool() {
        assertThat(new Toolbox(List.of(ECHO)).execute("echo", "{\"text\":\"ab\",\"times\":2}"))
                .isEqualTo(new Toolbox.Outcome("abab", false));
    }

    @Test
    void everyKindOfBadCallIsAnErrorOutcomeThatNamesTheProblem() {
        Toolbox box = new Toolbox(List.of(ECHO));
        assertThat(box.execute("shout", "{}").text()).isEqualTo("unknown tool 'shout'; the tools are: echo");
        assertThat(box.execute("echo", "{not json").text()).startsWith("arguments of echo are not valid JSON");
        assertThat(box.execute("echo", "[1]").text()).isEqualTo("arguments of echo must be a JSON object, got [1]");
        assertThat(box.execute("echo", "{\"text\":\"a\",\"times\":9,\"tone\":\"angry\",\"x\":1}"))
                .satisfies(o -> assertThat(o.error()).isTrue())
                .extracting(Toolbox.Outcome::text)
                .asString()
                .contains("unknown parameter 'x' (it takes text, times, tone)")
                .contains("parameter 'times' is out of range: expected 1 to 3, got 9")
                .contains("parameter 'tone': expected one of loud, soft, got \"angry\"");
        assertThat(box.execute("echo", "{}").text()).contains("parameter 'text' is required: What to repeat");
    }

    @Test
    void aToolThatThrowsBecomesAnErrorOutcomeWithItsMessage() {
        AgentTool broken = new FunctionTool("broken", "Fails.", List.of(), args -> {
            throw new IllegalStateException("sensor bus jammed");
        });
        assertThat(new Toolbox(List.of(broken)).execute("broken", ""))
                .isEqualTo(new Toolbox.Outcome("broken failed: sensor bus jammed", true));
    }

    @Test
    void twoToolsWithOneNameAreRefused() {
        assertThatThrownBy(() -> new Toolbox(List.of(ECHO, ECHO))).hasMessageContaining("two tools are named 'echo'");
    }

    @Test
    void eachActuatorActionIsAToolWhoseCallsGoThroughTheActuators() {
        FakeActuator lamp = new FakeActuator("lamp");
        Toolbox box = new Toolbox(new ActuatorTools(actuators(lamp)).tools());

        assertThat(box.names()).containsExactly("lamp_dim");
        ToolSpecification spec = box.specifications().getFirst();
        assertThat(spec.description()).contains("lamp:dim").contains("Dims the test lamp.");
        assertThat(spec.parameters().required()).containsExactly("level", "on");

        Toolbox.Outcome ok = box.execute("lamp_dim", "{\"level\":4,\"on\":true}");
        assertThat(ok.error()).isFalse();
        assertThat(ok.text()).contains("dimmed to 4");
        assertThat(lamp.calls()).containsExactly(Map.of("level", 4L, "on", true));

        assertThat(box.execute("lamp_dim", "{\"level\":11,\"on\":true}").text())
                .contains("parameter 'level' is out of range");
        lamp.throwingAct("relay stuck");
        Toolbox.Outcome failed = box.execute("lamp_dim", "{\"level\":1,\"on\":false}");
        assertThat(failed.error()).isTrue();
        assertThat(failed.text()).contains("relay stuck");
    }

    @Test
    void actuatorIdsBecomeToolNames() {
        assertThat(ActuatorTools.toolName("gpio:fan.set")).isEqualTo("gpio_fan_set");
        assertThat(ActuatorTools.toolName("x:9-lives")).isEqualTo("x_9_lives");
        assertThat(ActuatorTools.toolName("1:go")).isEqualTo("act_1_go");
    }

    @Test
    void actuatorToolsAreNamedApartFromEveryOtherToolAndAnActionThatCannotBeDescribedIsLeftOut() {
        ActuatorTools tools = new ActuatorTools(actuators(new FakeActuator("lamp")));
        List<ActuatorInfo> infos = List.of(
                new ActuatorInfo("read:source", "read", "clashes with a built-in tool", List.of()),
                new ActuatorInfo("a:b.c", "a", "first", List.of()),
                new ActuatorInfo("a:b-c", "a", "same tool name as the first", List.of()),
                new ActuatorInfo("long:" + "x".repeat(100), "long", "a very long id", List.of()),
                new ActuatorInfo(
                        "odd:mode",
                        "odd",
                        "an enumeration without values",
                        List.of(new ActuatorInfo.ParameterInfo("mode", "enum", "m", true, null, null, List.of()))));

        List<AgentTool> offered = tools.tools(infos, Set.of("read_source"));

        assertThat(offered)
                .extracting(AgentTool::name)
                .containsExactly("read_source_2", "a_b_c", "a_b_c_2", "long_" + "x".repeat(59));
        List<AgentTool> all = new ArrayList<>(offered);
        all.add(new FunctionTool("read_source", "built in", List.of(), args -> ""));
        assertThat(new Toolbox(all).names()).hasSize(5);
    }

    @Test
    void keepAliveAcceptsDurationsAndSeconds() {
        assertThat(AgentSettings.keepAlive("5m")).isEqualTo(300);
        assertThat(AgentSettings.keepAlive("-1")).isEqualTo(-1);
        assertThat(AgentSettings.keepAlive("PT1H")).isEqualTo(3600);
        assertThat(AgentSettings.keepAlive("90")).isEqualTo(90);
    }

    private Actuators actuators(FakeActuator plugin) {
        LoadedPlugins loaded = LoadedPlugins.of(List.of(plugin));
        host = new PluginHost(loaded, Clock.systemUTC());
        host.start(PluginConfigs.pluginsSection(loaded.configSpecs(), loaded.enabledByDefault(), Map.of()), "n", data);
        return host.actuators();
    }
}
