package io.smollama.node.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A gauge or counter whose values are read from the component that owns them at scrape time (a queue's
 * depth, a total the component already keeps), one value per set of label values.
 */
record FunctionFamily(
        String name,
        String help,
        MetricType type,
        List<String> labelNames,
        Supplier<? extends Map<List<String>, ? extends Number>> values)
        implements Family {

    @Override
    public List<Sample> collect() {
        List<Sample> samples = new ArrayList<>();
        for (Map.Entry<List<String>, ? extends Number> e : values.get().entrySet()) {
            if (e.getKey().size() != labelNames.size()) {
                throw new IllegalStateException(name + " takes label values for " + labelNames + ", got " + e.getKey());
            }
            samples.add(new Sample("", labelNames, e.getKey(), e.getValue().doubleValue()));
        }
        samples.sort(Comparator.comparing(s -> String.join("\u0000", s.labelValues())));
        return samples;
    }
}
