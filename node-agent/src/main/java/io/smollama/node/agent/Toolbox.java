package io.smollama.node.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import io.smollama.common.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The tools the agent offers the model, by name. It turns them into LangChain4j tool specifications
 * and runs a call the model made: an unknown tool, arguments that are not a JSON object, a missing,
 * unknown or mistyped argument, and a tool that throws all become an error {@link Outcome} whose
 * text tells the model what went wrong, never an exception.
 */
final class Toolbox {

    private static final Logger LOG = Logger.getLogger(Toolbox.class.getName());
    static final int MAX_RESULT_CHARS = 8_000;

    /** What a tool call produced: text for the model, and whether it is an error. */
    record Outcome(String text, boolean error) {}

    private final Map<String, AgentTool> tools = new LinkedHashMap<>();

    Toolbox(Collection<? extends AgentTool> tools) {
        for (AgentTool t : tools) {
            if (!t.name().matches("[a-z][a-z0-9_]{0,63}")) {
                throw new IllegalArgumentException("tool name '" + t.name() + "' must be lower_snake_case");
            }
            if (this.tools.putIfAbsent(t.name(), t) != null) {
                throw new IllegalArgumentException("two tools are named '" + t.name() + "'");
            }
        }
    }

    List<String> names() {
        return List.copyOf(tools.keySet());
    }

    List<ToolSpecification> specifications() {
        List<ToolSpecification> specs = new ArrayList<>();
        for (AgentTool t : tools.values()) {
            specs.add(ToolSpecification.builder()
                    .name(t.name())
                    .description(t.description())
                    .parameters(schema(t.parameters()))
                    .build());
        }
        return specs;
    }

    private static JsonObjectSchema schema(List<ToolParameter> params) {
        JsonObjectSchema.Builder b = JsonObjectSchema.builder();
        List<String> required = new ArrayList<>();
        for (ToolParameter p : params) {
            b.addProperty(p.name(), element(p));
            if (p.required()) {
                required.add(p.name());
            }
        }
        return b.required(required).build();
    }

    private static JsonSchemaElement element(ToolParameter p) {
        String d = p.description() + range(p);
        return switch (p.type()) {
            case STRING -> JsonStringSchema.builder().description(d).build();
            case INTEGER -> JsonIntegerSchema.builder().description(d).build();
            case NUMBER -> JsonNumberSchema.builder().description(d).build();
            case BOOLEAN -> JsonBooleanSchema.builder().description(d).build();
            case ENUM ->
                JsonEnumSchema.builder().enumValues(p.allowed()).description(d).build();
            case STRING_LIST ->
                JsonArraySchema.builder()
                        .items(JsonStringSchema.builder().build())
                        .description(d)
                        .build();
        };
    }

    private static String range(ToolParameter p) {
        if (p.min() == null && p.max() == null) {
            return "";
        }
        return " (from " + fmt(p.min()) + " to " + fmt(p.max()) + ")";
    }

    private static String fmt(@org.jspecify.annotations.Nullable Double d) {
        if (d == null) {
            return "any";
        }
        return d == Math.rint(d) ? Long.toString(d.longValue()) : d.toString();
    }

    /** Runs the tool {@code name} with the model's {@code arguments} (JSON text). Never throws. */
    Outcome execute(String name, String arguments) {
        AgentTool tool = tools.get(name);
        if (tool == null) {
            return new Outcome(
                    "unknown tool '" + name + "'; the tools are: " + String.join(", ", tools.keySet()), true);
        }
        JsonNode args;
        try {
            args = arguments.isBlank()
                    ? Json.mapper().createObjectNode()
                    : Json.mapper().readTree(arguments);
        } catch (JsonProcessingException e) {
            return new Outcome("arguments of " + name + " are not valid JSON: " + e.getOriginalMessage(), true);
        }
        if (args == null || args.isNull()) {
            args = Json.mapper().createObjectNode();
        }
        if (!args.isObject()) {
            return new Outcome("arguments of " + name + " must be a JSON object, got " + args, true);
        }
        List<String> problems = problems(tool, args);
        if (!problems.isEmpty()) {
            return new Outcome("bad arguments for " + name + ": " + String.join("; ", problems), true);
        }
        try {
            return new Outcome(clip(tool.execute(args)), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(name + " was interrupted", true);
        } catch (Exception e) {
            LOG.log(Level.FINE, "tool " + name + " failed", e);
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Outcome(name + " failed: " + why, true);
        }
    }

    private static List<String> problems(AgentTool tool, JsonNode args) {
        List<String> problems = new ArrayList<>();
        List<String> known = tool.parameters().stream().map(ToolParameter::name).toList();
        args.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                problems.add("unknown parameter '" + f + "'"
                        + (known.isEmpty() ? " (it takes none)" : " (it takes " + String.join(", ", known) + ")"));
            }
        });
        for (ToolParameter p : tool.parameters()) {
            JsonNode v = args.get(p.name());
            if (v == null || v.isNull()) {
                if (p.required()) {
                    problems.add("parameter '" + p.name() + "' is required: " + p.description());
                }
                continue;
            }
            String problem = p.problem(v);
            if (problem != null) {
                problems.add(problem);
            }
        }
        return problems;
    }

    private static String clip(String text) {
        return text.length() <= MAX_RESULT_CHARS
                ? text
                : text.substring(0, MAX_RESULT_CHARS) + "… (cut at " + MAX_RESULT_CHARS + " characters)";
    }
}
