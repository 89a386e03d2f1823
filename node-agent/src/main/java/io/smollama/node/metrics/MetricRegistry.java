package io.smollama.node.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node's metrics, written at {@code GET /metrics} in Prometheus text format 0.0.4. Components register
 * counters and histograms they update, or gauges and counters read from them at scrape time. Names are
 * unique and checked against Prometheus's rules when registered; counters end with {@code _total}.
 * Thread-safe: updates are lock-free; a scrape reads each family once and leaves out a family whose
 * figures cannot be read at that moment (the reason is logged at FINE).
 */
public final class MetricRegistry {

    private static final Logger LOG = Logger.getLogger(MetricRegistry.class.getName());

    private final Map<String, Family> families = new LinkedHashMap<>();

    /** A counter updated by its owner, with these label names (none for a single value). */
    public Counter counter(String name, String help, String... labelNames) {
        counterName(name);
        return register(new Counter(name, help, Names.labels(name, List.of(labelNames))));
    }

    /** A histogram with fixed bucket upper bounds (strictly increasing; {@code +Inf} is added). */
    public Histogram histogram(String name, String help, double[] buckets, String... labelNames) {
        return register(new Histogram(Names.metric(name), help, buckets, Names.labels(name, List.of(labelNames))));
    }

    /** A gauge read at scrape time (a queue depth, a count of items). */
    public void gauge(String name, String help, DoubleSupplier value) {
        register(new FunctionFamily(
                Names.metric(name), help, MetricType.GAUGE, List.of(), () -> Map.of(List.of(), value.getAsDouble())));
    }

    /** A counter whose total its owner already keeps, read at scrape time; it must never go down. */
    public void counter(String name, String help, DoubleSupplier total) {
        counterName(name);
        register(new FunctionFamily(
                name, help, MetricType.COUNTER, List.of(), () -> Map.of(List.of(), total.getAsDouble())));
    }

    /**
     * Gauges read at scrape time, one per set of label values: {@code values} maps the label values (in the
     * order of {@code labelNames}) to the value.
     */
    public void gauges(
            String name,
            String help,
            List<String> labelNames,
            Supplier<? extends Map<List<String>, ? extends Number>> values) {
        register(
                new FunctionFamily(Names.metric(name), help, MetricType.GAUGE, Names.labels(name, labelNames), values));
    }

    /** Counters read at scrape time, one per set of label values (see {@link #gauges}). */
    public void counters(
            String name,
            String help,
            List<String> labelNames,
            Supplier<? extends Map<List<String>, ? extends Number>> values) {
        counterName(name);
        register(new FunctionFamily(name, help, MetricType.COUNTER, Names.labels(name, labelNames), values));
    }

    /** Whether a family of this name is registered. */
    public synchronized boolean contains(String name) {
        return families.containsKey(name);
    }

    /** Every family in registration order, in Prometheus text format 0.0.4. */
    public String scrape() {
        List<Family> snapshot;
        synchronized (this) {
            snapshot = new ArrayList<>(families.values());
        }
        StringBuilder out = new StringBuilder(8192);
        for (Family family : snapshot) {
            List<Sample> samples;
            try {
                samples = family.collect();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "metric " + family.name() + " left out of this scrape", e);
                continue;
            }
            TextFormat.write(family, samples, out);
        }
        return out.toString();
    }

    /** The content type of {@link #scrape()}. */
    public static String contentType() {
        return TextFormat.CONTENT_TYPE;
    }

    private static void counterName(String name) {
        Names.metric(name);
        if (!name.endsWith("_total")) {
            throw new IllegalArgumentException("counter " + name + " must end with _total");
        }
    }

    private synchronized <F extends Family> F register(F family) {
        if (families.putIfAbsent(family.name(), family) != null) {
            throw new IllegalArgumentException("metric " + family.name() + " is registered twice");
        }
        return family;
    }
}
