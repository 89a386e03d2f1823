package io.smollama.node.plugin;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A typed parameter of an action. {@link #convert} checks a value that arrived as JSON (or from
 * the agent) and returns it as Boolean, Long, Double or String, or throws
 * {@link IllegalArgumentException} with a message that names the parameter and what was expected.
 */
public record ParamSpec(
        String name,
        Type type,
        String description,
        boolean required,
        @Nullable Double min,
        @Nullable Double max,
        List<String> allowed) {

    public enum Type {
        BOOLEAN,
        INTEGER,
        NUMBER,
        STRING,
        ENUM
    }

    public ParamSpec {
        allowed = List.copyOf(allowed);
    }

    public static ParamSpec bool(String name, String description) {
        return new ParamSpec(name, Type.BOOLEAN, description, true, null, null, List.of());
    }

    public static ParamSpec number(String name, String description, double min, double max) {
        return new ParamSpec(name, Type.NUMBER, description, true, min, max, List.of());
    }

    public static ParamSpec integer(String name, String description, long min, long max) {
        return new ParamSpec(name, Type.INTEGER, description, true, (double) min, (double) max, List.of());
    }

    public static ParamSpec oneOf(String name, String description, List<String> allowed) {
        return new ParamSpec(name, Type.ENUM, description, true, null, null, allowed);
    }

    public Object convert(@Nullable Object raw) {
        if (raw == null) {
            throw new IllegalArgumentException("parameter '" + name + "' is required: expected " + expected());
        }
        return switch (type) {
            case BOOLEAN -> {
                if (raw instanceof Boolean b) yield b;
                if (raw instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
                    yield Boolean.parseBoolean(s);
                }
                throw mismatch(raw);
            }
            case INTEGER -> {
                // exact: JSON integers beyond a long arrive as BigInteger and must not wrap around
                java.math.BigDecimal exact;
                try {
                    exact = raw instanceof Number n ? new java.math.BigDecimal(n.toString()) : null;
                } catch (NumberFormatException e) {
                    exact = null; // NaN or infinite
                }
                if (exact == null || exact.stripTrailingZeros().scale() > 0) throw mismatch(raw);
                if ((min != null && exact.compareTo(java.math.BigDecimal.valueOf(min)) < 0)
                        || (max != null && exact.compareTo(java.math.BigDecimal.valueOf(max)) > 0)) {
                    throw new IllegalArgumentException("parameter '" + name + "' is out of range: expected "
                            + expected() + ", got " + exact.toPlainString());
                }
                try {
                    yield exact.longValueExact();
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException("parameter '" + name + "' is out of range: expected "
                            + expected() + ", got " + exact.toPlainString());
                }
            }
            case NUMBER -> {
                if (!(raw instanceof Number n) || !Double.isFinite(n.doubleValue())) throw mismatch(raw);
                checkRange(n.doubleValue());
                yield n.doubleValue();
            }
            case STRING -> {
                if (raw instanceof String s) yield s;
                throw mismatch(raw);
            }
            case ENUM -> {
                if (raw instanceof String s && allowed.contains(s.toLowerCase(Locale.ROOT))) {
                    yield s.toLowerCase(Locale.ROOT);
                }
                throw mismatch(raw);
            }
        };
    }

    public String expected() {
        return switch (type) {
            case BOOLEAN -> "true or false";
            case INTEGER -> "an integer" + range();
            case NUMBER -> "a number" + range();
            case STRING -> "a string";
            case ENUM -> "one of " + String.join(", ", allowed);
        };
    }

    private String range() {
        if (min == null && max == null) return "";
        return " from " + fmt(min) + " to " + fmt(max);
    }

    private static String fmt(@Nullable Double d) {
        if (d == null) return "any";
        return d == Math.rint(d) ? Long.toString(d.longValue()) : d.toString();
    }

    private void checkRange(double v) {
        if ((min != null && v < min) || (max != null && v > max)) {
            throw new IllegalArgumentException(
                    "parameter '" + name + "' is out of range: expected " + expected() + ", got " + fmt(v));
        }
    }

    private IllegalArgumentException mismatch(Object raw) {
        String got = raw instanceof String s ? "\"" + s + "\"" : String.valueOf(raw);
        return new IllegalArgumentException("parameter '" + name + "': expected " + expected() + ", got " + got);
    }
}
