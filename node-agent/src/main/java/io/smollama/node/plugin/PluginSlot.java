package io.smollama.node.plugin;

import io.smollama.common.PluginInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One loaded plugin as the host runs it: its lifecycle state and reason, the sources and actions
 * it declared after start, and the streaks of failed samples per source. Every call into the plugin
 * ({@code sample}, {@code act}) holds {@link #lock()}, so plugins need not be thread-safe.
 */
final class PluginSlot {

    private static final System.Logger LOG = System.getLogger(PluginSlot.class.getName());

    /** Consecutive failures of one source before the plugin's status reports it. */
    static final int FAILURES_BEFORE_REPORTED = 3;

    enum State {
        LOADED,
        RUNNING,
        SKIPPED,
        FAILED,
        STOPPED
    }

    private record Streak(int count, String reason) {}

    private final LoadedPlugins.Entry entry;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Streak> failing = new LinkedHashMap<>();
    private State state = State.LOADED;
    private @Nullable String reason;
    private List<SourceSpec> sources = List.of();
    private List<ActionSpec> actions = List.of();

    PluginSlot(LoadedPlugins.Entry entry) {
        this.entry = entry;
    }

    Plugin plugin() {
        return entry.plugin();
    }

    String name() {
        return entry.name();
    }

    /** How long a call into the plugin waits for the one before it (a hung plugin must not hang its callers). */
    static final java.time.Duration CALL_WAIT = java.time.Duration.ofSeconds(10);

    /**
     * Runs a call into the plugin holding its lock, with the plugin's own class loader as the
     * thread's context class loader (drop-in jars may rely on it). Empty when the lock was not
     * free within {@link #CALL_WAIT}: another call into this plugin is stuck.
     */
    <T> java.util.Optional<T> call(java.util.function.Supplier<T> body) throws InterruptedException {
        if (!lock().tryLock(CALL_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            return java.util.Optional.empty();
        }
        if (state() != State.RUNNING) { // stopped while this call waited for the one before it
            lock().unlock();
            throw new IllegalStateException("plugin " + name() + " is not running (" + state() + ")");
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try {
            thread.setContextClassLoader(plugin().getClass().getClassLoader());
            return java.util.Optional.ofNullable(body.get());
        } finally {
            thread.setContextClassLoader(previous);
            lock().unlock();
        }
    }

    ReentrantLock lock() {
        return lock;
    }

    synchronized State state() {
        return state;
    }

    synchronized void set(State newState, @Nullable String newReason) {
        state = newState;
        reason = newReason;
    }

    synchronized void running(List<SourceSpec> sources, List<ActionSpec> actions) {
        this.sources = List.copyOf(sources);
        this.actions = List.copyOf(actions);
        set(State.RUNNING, null);
    }

    synchronized List<SourceSpec> sources() {
        return sources;
    }

    synchronized List<ActionSpec> actions() {
        return actions;
    }

    /** Records one sample outcome; returns true when it starts a new failure streak for the source. */
    synchronized boolean record(String sourceId, Sample outcome) {
        if (outcome instanceof Sample.Failure(String why)) {
            Streak previous = failing.get(sourceId);
            failing.put(sourceId, new Streak(previous == null ? 1 : previous.count() + 1, why));
            return previous == null;
        }
        failing.remove(sourceId);
        return false;
    }

    synchronized PluginInfo info() {
        return new PluginInfo(
                name(),
                LoadedPlugins.kindOf(plugin().getClass()),
                state.name(),
                state == State.RUNNING ? runningReason() : reason,
                entry.origin(),
                sources.stream().map(SourceSpec::source).toList());
    }

    private @Nullable String runningReason() {
        List<String> parts = new ArrayList<>();
        note().ifPresent(parts::add);
        failing.forEach((source, streak) -> {
            if (streak.count() >= FAILURES_BEFORE_REPORTED) {
                parts.add("degraded: source " + source + " failed " + streak.count() + " times in a row, last: "
                        + streak.reason());
            }
        });
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    private Optional<String> note() {
        try {
            return plugin().statusNote();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Status note of plugin " + name() + " failed", e);
            return Optional.of("status note unavailable: " + LoadedPlugins.describe(e));
        }
    }
}
