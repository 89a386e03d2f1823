package io.smollama.node.testsupport;

import io.smollama.node.plugin.ActionOutcome;
import io.smollama.node.plugin.ActionSpec;
import io.smollama.node.plugin.ActuatorPlugin;
import io.smollama.node.plugin.ParamSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An actuator plugin for tests with one action {@code dim}: {@code level} (integer 0–10, required),
 * {@code on} (boolean, required) and {@code note} (string, optional). It records the converted
 * parameters of every call and can be told to throw.
 */
public final class FakeActuator implements ActuatorPlugin {

    private final String name;
    private final List<Map<String, Object>> calls = Collections.synchronizedList(new ArrayList<>());
    private @Nullable String actFailure;

    public FakeActuator(String name) {
        this.name = name;
    }

    public FakeActuator throwingAct(String message) {
        this.actFailure = message;
        return this;
    }

    public List<Map<String, Object>> calls() {
        return calls;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "A scripted test actuator.";
    }

    @Override
    public List<ActionSpec> actions() {
        return List.of(new ActionSpec(
                "dim",
                "Dims the test lamp.",
                List.of(
                        ParamSpec.integer("level", "Brightness from 0 to 10", 0, 10),
                        ParamSpec.bool("on", "true to switch on"),
                        new ParamSpec("note", ParamSpec.Type.STRING, "Free text", false, null, null, List.of()))));
    }

    @Override
    public ActionOutcome act(String action, Map<String, Object> params) {
        calls.add(params);
        if (actFailure != null) {
            throw new IllegalStateException(actFailure);
        }
        return ActionOutcome.ok("dimmed to " + params.get("level"), Map.of("level", params.get("level")));
    }
}
