package io.smollama.node.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.smollama.common.ActionResult;
import io.smollama.common.ActuatorInfo;
import io.smollama.common.Json;
import io.smollama.node.plugin.Actuators;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One tool per action of the running actuator plugins (GPIO writes included): the action
 * {@code gpio:fan.set} becomes the tool {@code gpio_fan_set}, its typed parameters the tool's JSON
 * schema. The call goes through {@link Actuators#act}, which validates again and serialises calls.
 */
final class ActuatorTools {

    private final Actuators actuators;

    ActuatorTools(Actuators actuators) {
        this.actuators = actuators;
    }

    /** The tools for the actions running now. */
    List<AgentTool> tools() {
        List<AgentTool> tools = new ArrayList<>();
        for (ActuatorInfo info : actuators.list()) {
            Map<String, String> original = new LinkedHashMap<>();
            List<ToolParameter> params = new ArrayList<>();
            for (ActuatorInfo.ParameterInfo p : info.parameters()) {
                ToolParameter tp = parameter(p);
                original.put(tp.name(), p.name());
                params.add(tp);
            }
            tools.add(new FunctionTool(
                    toolName(info.id()),
                    "Actuator " + info.id() + ": " + info.description(),
                    params,
                    args -> act(info.id(), original, args)));
        }
        return tools;
    }

    static String toolName(String actionId) {
        String n =
                actionId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return n.isEmpty() || !Character.isLetter(n.charAt(0)) ? "act_" + n : n;
    }

    private static ToolParameter parameter(ActuatorInfo.ParameterInfo p) {
        String name = p.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (name.isEmpty() || !Character.isLetter(name.charAt(0))) {
            name = "p_" + name;
        }
        ToolParameter.Type type =
                switch (p.type()) {
                    case "boolean" -> ToolParameter.Type.BOOLEAN;
                    case "integer" -> ToolParameter.Type.INTEGER;
                    case "number" -> ToolParameter.Type.NUMBER;
                    case "enum" -> ToolParameter.Type.ENUM;
                    default -> ToolParameter.Type.STRING;
                };
        String description = p.description() == null ? p.name() : p.description();
        return new ToolParameter(name, type, description, p.required(), p.min(), p.max(), p.allowed());
    }

    private String act(String id, Map<String, String> original, JsonNode args) throws Exception {
        Map<String, Object> params = new LinkedHashMap<>();
        args.properties()
                .forEach(e -> params.put(
                        original.getOrDefault(e.getKey(), e.getKey()),
                        Json.mapper().convertValue(e.getValue(), Object.class)));
        ActionResult r = actuators.act(id, params);
        if (!r.ok()) {
            throw new IllegalStateException(r.message());
        }
        return Json.mapper().writeValueAsString(r);
    }
}
