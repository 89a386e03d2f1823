package io.smollama.node.metrics;

/**
 * Prometheus text exposition format 0.0.4: {@code # HELP} and {@code # TYPE} once per family, then one
 * {@code name{label="value"} number} line per sample, each line ending with a line feed.
 */
final class TextFormat {

    /** The content type of a scrape. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private TextFormat() {}

    static void write(Family family, Iterable<Sample> samples, StringBuilder out) {
        out.append("# HELP ")
                .append(family.name())
                .append(' ')
                .append(escapeHelp(family.help()))
                .append('\n');
        out.append("# TYPE ")
                .append(family.name())
                .append(' ')
                .append(family.type().word())
                .append('\n');
        for (Sample s : samples) {
            out.append(family.name()).append(s.suffix());
            if (!s.labelNames().isEmpty()) {
                out.append('{');
                for (int i = 0; i < s.labelNames().size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    out.append(s.labelNames().get(i))
                            .append("=\"")
                            .append(escapeLabelValue(s.labelValues().get(i)))
                            .append('"');
                }
                out.append('}');
            }
            out.append(' ').append(number(s.value())).append('\n');
        }
    }

    /** In HELP text a backslash and a line feed are escaped. */
    static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /** In a label value a backslash, a double quote and a line feed are escaped. */
    static String escapeLabelValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** A sample value: whole numbers without a fraction, others without an exponent where sensible, {@code +Inf}, {@code -Inf}, {@code NaN}. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        double abs = Math.abs(v);
        if (v == Math.rint(v) && abs < 1e15) {
            return Long.toString((long) v);
        }
        if (abs >= 1e-3 && abs < 1e15) {
            // the shortest decimal that reads back as v, without an exponent (1795515372.373, not 1.795515372373E9)
            return java.math.BigDecimal.valueOf(v).toPlainString();
        }
        return Double.toString(v);
    }

    /** A bucket's {@code le} value, written as Prometheus's own clients write it ({@code 0.005}, {@code 1.0}). */
    static String bound(double v) {
        return Double.toString(v);
    }
}
