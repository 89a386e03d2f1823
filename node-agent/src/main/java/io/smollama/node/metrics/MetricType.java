package io.smollama.node.metrics;

import java.util.Locale;

/** The metric types this registry writes, as named on a {@code # TYPE} line. */
public enum MetricType {
    COUNTER,
    GAUGE,
    HISTOGRAM;

    String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
