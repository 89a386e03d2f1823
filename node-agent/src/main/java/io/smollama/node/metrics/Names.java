package io.smollama.node.metrics;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The Prometheus rules for metric and label names, checked once when a metric is registered. */
final class Names {

    private static final Pattern METRIC = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private Names() {}

    static String metric(String name) {
        if (!METRIC.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "metric name '" + name + "' must match " + METRIC.pattern() + " (Prometheus names)");
        }
        return name;
    }

    static List<String> labels(String metric, List<String> labelNames) {
        Set<String> seen = new HashSet<>();
        for (String label : labelNames) {
            if (!LABEL.matcher(label).matches() || label.startsWith("__")) {
                throw new IllegalArgumentException("label '" + label + "' of " + metric + " must match "
                        + LABEL.pattern() + " and not start with __");
            }
            if (!seen.add(label)) {
                throw new IllegalArgumentException("label '" + label + "' appears twice on " + metric);
            }
        }
        return List.copyOf(labelNames);
    }

    /** Label values of one update, checked against the family's label names. */
    static List<String> values(String metric, List<String> labelNames, String[] values) {
        if (values.length != labelNames.size()) {
            throw new IllegalArgumentException(
                    metric + " takes " + labelNames.size() + " label values " + labelNames + ", got " + values.length);
        }
        return List.of(values);
    }
}
