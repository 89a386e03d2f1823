package io.smollama.node.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Observations (latencies, sizes) counted into fixed buckets, optionally per set of label values. Exposed as
 * cumulative {@code _bucket{le="…"}} lines ending with {@code le="+Inf"}, then {@code _sum} and {@code _count};
 * {@code _count} always equals the {@code +Inf} bucket, even while observations arrive during a scrape.
 */
public final class Histogram implements Family {

    /** Buckets for request latencies in seconds: 1 ms to 10 s. */
    public static final double[] REQUEST_SECONDS = {
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
    };

    /** Buckets for LLM calls in seconds: 50 ms to 5 minutes. */
    public static final double[] LLM_SECONDS = {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300};

    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final double[] bounds;
    private final Children<Cell> children;

    Histogram(String name, String help, double[] buckets, List<String> labelNames) {
        if (labelNames.contains("le")) {
            throw new IllegalArgumentException(name + ": a histogram cannot have a label named le");
        }
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (name.endsWith(suffix)) {
                throw new IllegalArgumentException(name + ": a histogram's name cannot end with " + suffix);
            }
        }
        double[] b = buckets.clone();
        if (b.length == 0) {
            throw new IllegalArgumentException(name + " needs at least one bucket");
        }
        for (int i = 0; i < b.length; i++) {
            if (!Double.isFinite(b[i]) || (i > 0 && b[i] <= b[i - 1])) {
                throw new IllegalArgumentException(
                        name + ": buckets must be finite and strictly increasing, got " + Arrays.toString(buckets));
            }
        }
        this.name = name;
        this.help = help;
        this.labelNames = labelNames;
        this.bounds = b;
        this.children = new Children<>(name, () -> new Cell(b.length + 1));
        if (labelNames.isEmpty()) {
            children.cell(List.of());
        }
    }

    /** Records one observation (e.g. seconds) in the cell of these label values. */
    public void observe(double value, String... labelValues) {
        if (Double.isNaN(value)) {
            return;
        }
        Cell cell = children.cell(Names.values(name, labelNames, labelValues));
        if (cell == null) {
            return;
        }
        int i = Arrays.binarySearch(bounds, value);
        int bucket = i >= 0 ? i : -i - 1; // the first bound >= value; bounds.length is +Inf
        cell.counts[bucket].increment();
        cell.sum.add(value);
    }

    /** Observations recorded in one cell so far. */
    public long count(String... labelValues) {
        Cell cell = children.snapshot().get(Names.values(name, labelNames, labelValues));
        if (cell == null) {
            return 0;
        }
        long n = 0;
        for (LongAdder c : cell.counts) {
            n += c.sum();
        }
        return n;
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
        return MetricType.HISTOGRAM;
    }

    @Override
    public List<Sample> collect() {
        List<String> bucketLabels = new ArrayList<>(labelNames);
        bucketLabels.add("le");
        List<Sample> samples = new ArrayList<>();
        List<Map.Entry<List<String>, Cell>> cells =
                new ArrayList<>(children.snapshot().entrySet());
        cells.sort(Comparator.comparing(e -> String.join("\u0000", e.getKey())));
        for (Map.Entry<List<String>, Cell> e : cells) {
            List<String> values = e.getKey();
            Cell cell = e.getValue();
            long cumulative = 0;
            for (int i = 0; i <= bounds.length; i++) {
                cumulative += cell.counts[i].sum();
                List<String> bucketValues = new ArrayList<>(values);
                bucketValues.add(i < bounds.length ? TextFormat.bound(bounds[i]) : "+Inf");
                samples.add(new Sample("_bucket", bucketLabels, bucketValues, cumulative));
            }
            samples.add(new Sample("_sum", labelNames, values, cell.sum.sum()));
            samples.add(new Sample("_count", labelNames, values, cumulative));
        }
        return samples;
    }

    private static final class Cell {
        final LongAdder[] counts;
        final DoubleAdder sum = new DoubleAdder();

        Cell(int buckets) {
            counts = new LongAdder[buckets];
            for (int i = 0; i < buckets; i++) {
                counts[i] = new LongAdder();
            }
        }
    }
}
