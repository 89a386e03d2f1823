package io.smollama.node.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.smollama.common.ActionResult;
import io.smollama.common.ActuatorInfo;
import io.smollama.common.Json;
import io.smollama.node.plugin.Actuators;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * One tool per action of the running actuator plugins (GPIO writes included): the action
 * {@code gpio:fan.set} becomes the tool {@code gpio_fan_set}, its typed parameters the tool's JSON
 * schema. The call goes through {@link Actuators#act}, which validates again and serialises calls.
 * Tool names are unique: an action whose name another tool (or action) already has gets a suffix
 * ({@code _2}, ...), and an action the model cannot be offered (a parameter that cannot be described)
 * is left out with one warning, so one odd plugin never stops the agent from answering.
 */
final class ActuatorTools {

    private static final Logger LOG = Logger.getLogger(ActuatorTools.class.getName());
    static final int MAX_NAME = 64;

    private final Actuators actuators;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    ActuatorTools(Actuators actuators) {
        this.actuators = actuators;
    }

    /** The tools for the actions running now. */
    List<AgentTool> tools() {
        return tools(Set.of());
    }

    /** The tools for the actions running now, named apart from {@code taken}. */
    List<AgentTool> tools(Set<String> taken) {
        return tools(actuators.list(), taken);
    }

    /** The tools for {@code infos}, named apart from each other and from {@code taken}. */
    List<AgentTool> tools(List<ActuatorInfo> infos, Set<String> taken) {
        Set<String> used = new HashSet<>(taken);
        List<AgentTool> tools = new ArrayList<>();
        for (ActuatorInfo info : infos) {
            Map<String, String> original = new LinkedHashMap<>();
            List<ToolParameter> params = new ArrayList<>();
            try {
                for (ActuatorInfo.ParameterInfo p : info.parameters()) {
                    ToolParameter tp = parameter(p);
                    if (original.putIfAbsent(tp.name(), p.name()) != null) {
                        throw new IllegalArgumentException("two parameters are both called '" + tp.name() + "'");
                    }
                    params.add(tp);
                }
            } catch (IllegalArgumentException e) {
                if (warned.add(info.id())) {
                    LOG.warning("the actuator action " + info.id() + " is not offered to the agent: " + e.getMessage());
                }
                continue;
            }
            String name = unique(toolName(info.id()), used);
            used.add(name);
            tools.add(new FunctionTool(
                    name,
                    "Actuator " + info.id() + ": " + info.description(),
                    params,
                    args -> act(info.id(), original, args)));
        }
        return tools;
    }

    static String toolName(String actionId) {
        String n =
                actionId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        n = n.isEmpty() || !Character.isLetter(n.charAt(0)) ? "act_" + n : n;
        return n.length() > MAX_NAME ? n.substring(0, MAX_NAME) : n;
    }

    private static String unique(String name, Set<String> used) {
        String candidate = name;
        for (int i = 2; used.contains(candidate); i++) {
            String suffix = "_" + i;
            candidate = name.substring(0, Math.min(name.length(), MAX_NAME - suffix.length())) + suffix;
        }
        return candidate;
    }

    private static ToolParameter parameter(ActuatorInfo.ParameterInfo p) {
        String name = p.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (name.isEmpty() || !Character.isLetter(name.charAt(0))) {
            name = "p_" + name;
        }
        if (name.length() > MAX_NAME) {
            name = name.substring(0, MAX_NAME);
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
