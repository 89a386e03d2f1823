package io.smollama.desktop.control;

import io.smollama.common.ActuatorInfo.ParameterInfo;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.jspecify.annotations.Nullable;

/**
 * The operator's value for one typed parameter of an action. The input kind follows the parameter's
 * type; an integer named like a duration ({@code millis}, {@code *_ms}, {@code seconds}) is shown as a
 * duration with its unit. Values start at a valid default (off, the lower bound, the first choice).
 */
final class ParameterInput {

    enum Kind {
        BOOLEAN,
        INTEGER,
        DURATION,
        NUMBER,
        ENUM,
        TEXT
    }

    private final ParameterInfo info;
    private final Kind kind;
    private final ObjectProperty<@Nullable Object> value = new SimpleObjectProperty<>();

    ParameterInput(ParameterInfo info) {
        this.info = info;
        this.kind = kindOf(info);
        value.set(
                switch (kind) {
                    case BOOLEAN -> Boolean.FALSE;
                    case INTEGER -> (long) clamp(0, info.min(), info.max());
                    // a useful first duration rather than the smallest one: half a second, or one second
                    case DURATION ->
                        (long) clamp(unitOf(info.name()).orElse("s").equals("ms") ? 500 : 1, info.min(), info.max());
                    case NUMBER -> clamp(0, info.min(), info.max());
                    case ENUM ->
                        info.allowed().isEmpty() ? null : info.allowed().getFirst();
                    case TEXT -> "";
                });
    }

    static Kind kindOf(ParameterInfo p) {
        return switch (p.type().toLowerCase(Locale.ROOT)) {
            case "boolean" -> Kind.BOOLEAN;
            case "integer" -> unitOf(p.name()).isPresent() ? Kind.DURATION : Kind.INTEGER;
            case "number" -> Kind.NUMBER;
            case "enum" -> Kind.ENUM;
            default -> Kind.TEXT;
        };
    }

    /** "ms" or "s" for a parameter whose name says it is a duration. */
    static Optional<String> unitOf(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("millis") || n.endsWith("_ms") || n.endsWith("millis")) return Optional.of("ms");
        if (n.equals("seconds") || n.endsWith("_s") || n.endsWith("seconds")) return Optional.of("s");
        return Optional.empty();
    }

    ParameterInfo info() {
        return info;
    }

    Kind kind() {
        return kind;
    }

    ObjectProperty<@Nullable Object> valueProperty() {
        return value;
    }

    /** Why the value cannot be sent, or empty when it can. */
    Optional<String> problem() {
        Object v = value.get();
        if (v == null || (v instanceof String s && s.isBlank())) {
            return info.required() ? Optional.of(info.name() + " is required") : Optional.empty();
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if ((info.min() != null && d < info.min()) || (info.max() != null && d > info.max())) {
                return Optional.of(info.name() + " must be within " + bounds());
            }
        }
        if (kind == Kind.ENUM && !info.allowed().contains(v)) {
            return Optional.of(info.name() + " must be one of " + String.join(", ", info.allowed()));
        }
        return Optional.empty();
    }

    /** The value to send, or null to leave an optional parameter out. */
    @Nullable
    Object wireValue() {
        Object v = value.get();
        return v instanceof String s && s.isBlank() ? null : v;
    }

    /** "state = on", "millis = 500 ms", as the confirmation shows it. */
    String describe() {
        Object v = value.get();
        String shown = v instanceof Boolean b ? (b ? "on" : "off") : String.valueOf(v);
        return info.name() + " = " + shown
                + unitOf(info.name())
                        .filter(u -> kind == Kind.DURATION)
                        .map(u -> " " + u)
                        .orElse("");
    }

    String bounds() {
        String lo = info.min() == null ? "…" : trim(info.min());
        String hi = info.max() == null ? "…" : trim(info.max());
        return lo + "–" + hi;
    }

    private static String trim(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static double clamp(double v, @Nullable Double min, @Nullable Double max) {
        double out = v;
        if (min != null && out < min) out = min;
        if (max != null && out > max) out = max;
        return out;
    }
}
