package io.smollama.node.config;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads numbers and booleans from scalar text. Deliberately simpler than YAML 1.1: {@code 017} is
 * seventeen, not octal fifteen, because people writing a port or a pin number mean decimal;
 * {@code 1_000} and {@code 0x1F} are accepted; a quoted {@code "8080"} is as good as {@code 8080}.
 */
final class Scalars {

    private static final Pattern DECIMAL_INTEGER = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern HEX_INTEGER = Pattern.compile("0x[0-9a-fA-F]+");
    private static final Pattern DECIMAL_NUMBER =
            Pattern.compile("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");

    private Scalars() {}

    static Optional<Long> integer(String text) {
        String t = text.strip().replace("_", "");
        try {
            if (DECIMAL_INTEGER.matcher(t).matches()) {
                return Optional.of(Long.parseLong(t));
            }
            if (HEX_INTEGER.matcher(t).matches()) {
                return Optional.of(Long.parseLong(t.substring(2), 16));
            }
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    static Optional<Double> decimal(String text) {
        String t = text.strip().replace("_", "");
        if (!DECIMAL_NUMBER.matcher(t).matches()) {
            return Optional.empty();
        }
        double value = Double.parseDouble(t);
        return Double.isFinite(value) ? Optional.of(value) : Optional.empty();
    }

    /** {@code true/false}, and YAML's {@code yes/no/on/off}, in any case. */
    static Optional<Boolean> bool(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> Optional.of(true);
            case "false", "no", "off" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
