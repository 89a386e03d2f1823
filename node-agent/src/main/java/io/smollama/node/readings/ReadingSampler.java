package io.smollama.node.readings;

import io.smollama.common.Reading;
import io.smollama.node.plugin.Sample;
import io.smollama.node.plugin.SensorHandle;
import io.smollama.node.plugin.SourceSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Reads every source of every running sensor plugin at that source's interval, at a fixed rate (no
 * drift), and hands each reading to the sink (the batching writer). Each plugin gets its own
 * thread, so a plugin that hangs or throws only delays or fails its own sources. Once {@link #close}
 * has returned, no reading reaches the sink, not even one from a read that outlasted the close.
 */
public final class ReadingSampler implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ReadingSampler.class.getName());
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(3);

    /** A source being sampled, with how its sampling goes. */
    public record SourceState(
            String plugin,
            SourceSpec spec,
            long samples,
            long failures,
            @Nullable String lastError) {}

    private final String node;
    private final Clock clock;
    private final Consumer<Reading> sink;
    private final Duration closeGrace;
    private final Map<String, ScheduledExecutorService> executors = new ConcurrentHashMap<>();
    private final Map<String, Tracker> sources = new ConcurrentHashMap<>();
    /** Starts and hand-overs to the sink hold the read lock; close takes the write lock to end them. */
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();

    private boolean closing; // no more starts; guarded by lifecycle
    private boolean closed; // no more hand-overs; guarded by lifecycle

    public ReadingSampler(String node, Clock clock, Consumer<Reading> sink) {
        this(node, clock, sink, CLOSE_GRACE);
    }

    /** {@code closeGrace} bounds how long {@link #close} waits for reads in progress. */
    ReadingSampler(String node, Clock clock, Consumer<Reading> sink, Duration closeGrace) {
        this.node = node;
        this.clock = clock;
        this.sink = sink;
        this.closeGrace = closeGrace;
    }

    /**
     * Starts sampling the plugin's sources; a source id already sampled by another plugin is refused.
     *
     * @throws IllegalStateException once the sampler is closing
     */
    public void start(SensorHandle plugin) {
        lifecycle.readLock().lock();
        try {
            if (closing) {
                throw new IllegalStateException("the sampler is closed; cannot start sampling " + plugin.plugin());
            }
            schedule(plugin);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private void schedule(SensorHandle plugin) {
        List<SourceSpec> specs = plugin.sources();
        ScheduledExecutorService exec = executors.computeIfAbsent(
                plugin.plugin(),
                name -> Executors.newSingleThreadScheduledExecutor(r -> {
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
        if (t.catchingUp(System.nanoTime())) {
            return; // a late run right after another: fixed rate would burst missed reads after a hang
        }
        Reading r = sample(t);
        if (r == null) {
            return;
        }
        lifecycle.readLock().lock();
        try {
            if (!closed) {
                sink.accept(r);
            }
        } catch (RuntimeException e) { // escaping, it would silently cancel this source's schedule
            if (t.notHandedOn("reading not stored: " + describe(e))) {
                LOG.log(
                        Level.WARNING,
                        "a reading of " + t.spec.source() + " could not be handed on"
                                + " (logged again only after the source has recovered)",
                        e);
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private @Nullable Reading sample(Tracker t) {
        Sample s;
        Throwable thrown = null;
        try {
            s = t.plugin.sample(t.spec.id()); // isolates the plugin from RuntimeExceptions and LinkageErrors
        } catch (Throwable e) { // even another Error must not silently cancel this source's schedule
            thrown = e;
            s = new Sample.Failure(describe(e));
        }
        Reading reading = null;
        String failure = null;
        // milliseconds: what the store keeps, so a live event and its stored row are the same reading
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        try {
            switch (s) {
                case Sample.Numeric n ->
                    reading = new Reading(
                            node,
                            t.spec.type(),
                            t.spec.id(),
                            n.value(),
                            null,
                            t.spec.unit(),
                            now,
                            merge(t.spec.metadata(), n.metadata()));
                case Sample.Text x ->
                    reading = new Reading(
                            node,
                            t.spec.type(),
                            t.spec.id(),
                            null,
                            x.text(),
                            t.spec.unit(),
                            now,
                            merge(t.spec.metadata(), x.metadata()));
                case Sample.Failure f -> failure = f.reason();
                case Sample.Skip k -> {}
            }
        } catch (IllegalArgumentException e) {
            failure = "invalid sample: " + e.getMessage();
            t.plugin.recordInvalid(t.spec.id(), failure);
        }
        if (t.record(failure) && thrown != null) {
            LOG.log(
                    Level.WARNING,
                    "sampling " + t.spec.source() + " failed" + " (logged again only after the source has recovered)",
                    thrown);
        }
        return reading;
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
        if (b.isEmpty()) return a;
        if (a.isEmpty()) return b;
        Map<String, String> m = new HashMap<>(a);
        m.putAll(b);
        return m;
    }

    /**
     * Stops sampling: reads in progress get a few seconds in all to finish and hand their readings on,
     * then are interrupted; whatever a read returns after that is dropped.
     */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closing) {
                return;
            }
            closing = true;
        } finally {
            lifecycle.writeLock().unlock();
        }
        executors.values().forEach(ScheduledExecutorService::shutdown);
        long deadline = System.nanoTime() + closeGrace.toNanos();
        boolean interrupted = false;
        for (Map.Entry<String, ScheduledExecutorService> e : executors.entrySet()) {
            try {
                long left = interrupted ? 0 : deadline - System.nanoTime();
                if (!e.getValue().awaitTermination(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                    LOG.warning(() -> "plugin " + e.getKey() + " is still reading after " + closeGrace
                            + "; interrupting it and dropping what it returns");
                    e.getValue().shutdownNow();
                }
            } catch (InterruptedException ie) {
                interrupted = true;
                e.getValue().shutdownNow();
            }
        }
        lifecycle.writeLock().lock(); // waits for hand-overs in progress; none begins after this
        try {
            closed = true;
        } finally {
            lifecycle.writeLock().unlock();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Tracker {
        final SensorHandle plugin;
        final SourceSpec spec;
        volatile long samples;
        volatile long failures;
        volatile @Nullable String lastError;
        private long firstRunNanos; // these two: only the plugin's sampling thread touches them
        private long runs;

        Tracker(SensorHandle plugin, SourceSpec spec) {
            this.plugin = plugin;
            this.spec = spec;
        }

        /**
         * True for a run whose due time is a whole interval or more in the past: after a plugin
         * hung, a fixed-rate schedule runs every missed read back to back; those stale runs are
         * skipped. An on-time run after an ordinary late one is never skipped.
         */
        boolean catchingUp(long nowNanos) {
            long period = spec.interval().toNanos();
            if (runs == 0) {
                firstRunNanos = nowNanos;
            }
            long due = firstRunNanos + runs * period;
            runs++;
            return nowNanos - due >= period;
        }

        /** Records one read; returns whether it starts a streak of failures. */
        synchronized boolean record(@Nullable String failure) {
            samples++;
            boolean streakStarts = failure != null && lastError == null;
            if (failure != null) {
                failures++;
            }
            lastError = failure;
            return streakStarts;
        }

        /** Records that the reading of the last read could not be handed on; returns whether it starts a streak. */
        synchronized boolean notHandedOn(String reason) {
            boolean streakStarts = lastError == null;
            failures++;
            lastError = reason;
            return streakStarts;
        }
    }
}
