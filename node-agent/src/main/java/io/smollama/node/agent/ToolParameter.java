package io.smollama.node.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smollama.common.Json;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One parameter of an {@link AgentTool}: a JSON schema property the model sees, and the check its
 * value must pass before the tool runs. Ranges apply to numbers and integers, {@code allowed} to
 * enumerations.
 */
public record ToolParameter(
        String name,
        Type type,
        String description,
        boolean required,
        @Nullable Double min,
        @Nullable Double max,
        List<String> allowed) {

    /** JSON schema types a tool parameter may have. */
    public enum Type {
        STRING,
        INTEGER,
        NUMBER,
        BOOLEAN,
        ENUM,
        STRING_LIST
    }

    public ToolParameter {
        if (!name.matches("[a-z][a-z0-9_]{0,63}")) {
            throw new IllegalArgumentException("tool parameter name '" + name + "' must be lower_snake_case");
        }
        allowed = List.copyOf(allowed);
        if (type == Type.ENUM && allowed.isEmpty()) {
            throw new IllegalArgumentException("enumeration parameter '" + name + "' needs allowed values");
        }
    }

    public static ToolParameter string(String name, String description, boolean required) {
        return new ToolParameter(name, Type.STRING, description, required, null, null, List.of());
    }

    public static ToolParameter integer(String name, String description, boolean required, long min, long max) {
        return new ToolParameter(name, Type.INTEGER, description, required, (double) min, (double) max, List.of());
    }

    public static ToolParameter number(
            String name, String description, boolean required, @Nullable Double min, @Nullable Double max) {
        return new ToolParameter(name, Type.NUMBER, description, required, min, max, List.of());
    }

    public static ToolParameter bool(String name, String description, boolean required) {
        return new ToolParameter(name, Type.BOOLEAN, description, required, null, null, List.of());
    }

    public static ToolParameter oneOf(String name, String description, boolean required, List<String> allowed) {
        return new ToolParameter(name, Type.ENUM, description, required, null, null, allowed);
    }

    public static ToolParameter strings(String name, String description, boolean required) {
        return new ToolParameter(name, Type.STRING_LIST, description, required, null, null, List.of());
    }

    /** This parameter as a JSON schema property. */
    public ObjectNode jsonSchema() {
        ObjectNode p = Json.mapper().createObjectNode();
        switch (type) {
            case STRING -> p.put("type", "string");
            case INTEGER -> p.put("type", "integer");
            case NUMBER -> p.put("type", "number");
            case BOOLEAN -> p.put("type", "boolean");
            case ENUM -> {
                p.put("type", "string");
                allowed.forEach(p.putArray("enum")::add);
            }
            case STRING_LIST -> {
                p.put("type", "array");
                p.putObject("items").put("type", "string");
            }
        }
        p.put("description", description);
        if (min != null) {
            p.put("minimum", min);
        }
        if (max != null) {
            p.put("maximum", max);
        }
        return p;
    }

    /**
     * Checks a value the model sent; returns null when it is acceptable, else a sentence that names
     * the parameter, what was expected and what came.
     */
    @Nullable
    String problem(JsonNode value) {
        String expected =
                switch (type) {
                    case STRING -> value.isTextual() ? null : "a string";
                    case INTEGER ->
                        value.isIntegralNumber()
                                        || (value.isNumber() && value.asDouble() == Math.rint(value.asDouble()))
                                ? null
                                : "an integer";
                    case NUMBER -> value.isNumber() && Double.isFinite(value.asDouble()) ? null : "a number";
                    case BOOLEAN -> value.isBoolean() ? null : "true or false";
                    case ENUM ->
                        value.isTextual() && allowed.contains(value.asText().toLowerCase(Locale.ROOT))
                                ? null
                                : "one of " + String.join(", ", allowed);
                    case STRING_LIST -> value.isArray() && allArrayTextual(value) ? null : "a list of strings";
                };
        if (expected != null) {
            return "parameter '" + name + "': expected " + expected + ", got " + value;
        }
        if ((type == Type.INTEGER || type == Type.NUMBER)
                && ((min != null && value.asDouble() < min) || (max != null && value.asDouble() > max))) {
            return "parameter '" + name + "' is out of range: expected " + (min == null ? "any" : fmt(min)) + " to "
                    + (max == null ? "any" : fmt(max)) + ", got " + value;
        }
        return null;
    }

    private static boolean allArrayTextual(JsonNode array) {
        for (JsonNode e : array) {
            if (!e.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
