package io.smollama.node.readings;

import io.smollama.common.Reading;
import io.smollama.node.plugin.Sample;
import io.smollama.node.plugin.SensorHandle;
import io.smollama.node.plugin.SourceSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Reads every source of every running sensor plugin at that source's interval, at a fixed rate (no
 * drift), and hands each reading to the sink (the batching writer). Each plugin gets its own
 * thread, so a plugin that hangs or throws only delays or fails its own sources.
 */
public final class ReadingSampler implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ReadingSampler.class.getName());

    /** A source being sampled, with how its sampling goes. */
    public record SourceState(String plugin, SourceSpec spec, long samples, long failures, @Nullable String lastError) {}

    private final String node;
    private final Clock clock;
    private final Consumer<Reading> sink;
    private final Map<String, ScheduledExecutorService> executors = new ConcurrentHashMap<>();
    private final Map<String, Tracker> sources = new ConcurrentHashMap<>();

    public ReadingSampler(String node, Clock clock, Consumer<Reading> sink) {
        this.node = node;
        this.clock = clock;
        this.sink = sink;
    }

    /** Starts sampling the plugin's sources; a source id already sampled by another plugin is refused. */
    public void start(SensorHandle plugin) {
        List<SourceSpec> specs = plugin.sources();
        ScheduledExecutorService exec = executors.computeIfAbsent(plugin.plugin(), name ->
                Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "sampler-" + name);
                    t.setDaemon(true);
                    return t;
                }));
        for (SourceSpec spec : specs) {
            Tracker tracker = new Tracker(plugin, spec);
            if (sources.putIfAbsent(spec.source(), tracker) != null) {
                LOG.warning(() -> "plugin " + plugin.plugin() + " offers source " + spec.source()
                        + " that another plugin already provides; ignoring the second one");
                continue;
            }
            long period = spec.interval().toNanos();
            exec.scheduleAtFixedRate(() -> sampleOnce(tracker), 0, period, TimeUnit.NANOSECONDS);
        }
    }

    /** Reads one source now, outside its schedule (used by the CLI's {@code read}). */
    public @Nullable Reading readNow(String source) {
        Tracker t = sources.get(source);
        if (t == null) {
            throw new IllegalArgumentException("no source " + source);
        }
        return sample(t);
    }

    public List<SourceState> sources() {
        List<SourceState> out = new ArrayList<>();
        for (Tracker t : sources.values()) {
            out.add(new SourceState(t.plugin.plugin(), t.spec, t.samples, t.failures, t.lastError));
        }
        out.sort(java.util.Comparator.comparing(s -> s.spec().source()));
        return out;
    }

    private void sampleOnce(Tracker t) {
        Reading r = sample(t);
        if (r != null) {
            sink.accept(r);
        }
    }

    private @Nullable Reading sample(Tracker t) {
        Sample s;
        try {
            s = t.plugin.sample(t.spec.id()); // isolates the plugin: never throws for what the plugin does
        } catch (Throwable e) { // even an Error must not silently cancel this source's schedule
            s = new Sample.Failure(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            LOG.log(Level.WARNING, "sampling " + t.spec.source() + " failed", e);
        }
        Reading reading = null;
        String failure = null;
        try {
            switch (s) {
                case Sample.Numeric n -> reading = new Reading(node, t.spec.type(), t.spec.id(), n.value(), null,
                        t.spec.unit(), clock.instant(), merge(t.spec.metadata(), n.metadata()));
                case Sample.Text x -> reading = new Reading(node, t.spec.type(), t.spec.id(), null, x.text(),
                        t.spec.unit(), clock.instant(), merge(t.spec.metadata(), x.metadata()));
                case Sample.Failure f -> failure = f.reason();
                case Sample.Skip k -> { }
            }
        } catch (IllegalArgumentException e) {
            failure = "invalid sample: " + e.getMessage();
        }
        t.record(failure);
        return reading;
    }

    private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
        if (b.isEmpty()) return a;
        if (a.isEmpty()) return b;
        Map<String, String> m = new HashMap<>(a);
        m.putAll(b);
        return m;
    }

    @Override
    public void close() {
        executors.values().forEach(ScheduledExecutorService::shutdown);
        for (ScheduledExecutorService e : executors.values()) {
            try {
                if (!e.awaitTermination(3, TimeUnit.SECONDS)) {
                    e.shutdownNow();
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                e.shutdownNow();
            }
        }
    }

    private static final class Tracker {
        final SensorHandle plugin;
        final SourceSpec spec;
        volatile long samples;
        volatile long failures;
        volatile @Nullable String lastError;

        Tracker(SensorHandle plugin, SourceSpec spec) {
            this.plugin = plugin;
            this.spec = spec;
        }

        synchronized void record(@Nullable String failure) {
            samples++;
            if (failure != null) {
                failures++;
                lastError = failure;
            } else {
                lastError = null;
            }
        }
    }
}
