package io.smollama.node.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;

/** A value that only goes up (events, seconds spent), optionally per set of label values. Lock-free. */
public final class Counter implements Family {

    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final Children<DoubleAdder> children;

    Counter(String name, String help, List<String> labelNames) {
        this.name = name;
        this.help = help;
        this.labelNames = labelNames;
        this.children = new Children<>(name, DoubleAdder::new);
        if (labelNames.isEmpty()) {
            children.cell(List.of()); // an unlabelled counter shows 0 before its first event
        }
    }

    /** Adds one to the cell of these label values (one value per label name, in order). */
    public void inc(String... labelValues) {
        add(1, labelValues);
    }

    /** Adds {@code amount} (not negative) to the cell of these label values. */
    public void add(double amount, String... labelValues) {
        if (!(amount >= 0)) {
            throw new IllegalArgumentException(name + " is a counter: it cannot go down by " + amount);
        }
        DoubleAdder cell = children.cell(Names.values(name, labelNames, labelValues));
        if (cell != null) {
            cell.add(amount);
        }
    }

    /** The current value of one cell (0 when it has none yet). */
    public double value(String... labelValues) {
        DoubleAdder cell = children.snapshot().get(Names.values(name, labelNames, labelValues));
        return cell == null ? 0 : cell.sum();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String help() {
        return help;
    }

    @Override
    public MetricType type() {
        return MetricType.COUNTER;
    }

    @Override
    public List<Sample> collect() {
        List<Sample> samples = new ArrayList<>();
        children.snapshot().forEach((values, cell) -> samples.add(new Sample("", labelNames, values, cell.sum())));
        samples.sort(Comparator.comparing(s -> String.join("\u0000", s.labelValues())));
        return samples;
    }
}
