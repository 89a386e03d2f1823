package io.smollama.node.metrics;

import java.util.List;

/**
 * One line of a metric family: {@code name + suffix} (the suffix is empty, or {@code _bucket}, {@code _sum},
 * {@code _count} for a histogram), its labels and its value.
 */
record Sample(String suffix, List<String> labelNames, List<String> labelValues, double value) {

    Sample {
        labelNames = List.copyOf(labelNames);
        labelValues = List.copyOf(labelValues);
        if (labelNames.size() != labelValues.size()) {
            throw new IllegalArgumentException("labels " + labelNames + " got values " + labelValues);
        }
    }
}
