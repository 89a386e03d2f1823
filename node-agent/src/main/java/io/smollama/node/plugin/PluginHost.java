package io.smollama.node.plugin;

import io.smollama.common.PluginInfo;
import io.smollama.node.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Runs the loaded plugins and keeps each one isolated from the others. {@link #start} takes each
 * plugin through enabled → availability → start (bounded by a time limit): a disabled or
 * unavailable plugin is SKIPPED, one whose start throws or hangs is FAILED with the reason, the
 * others RUN. {@link #close} stops them in reverse start order, each stop isolated. Sensors are
 * read through {@link #sensors()}, actuators driven through {@link #actuators()}; both catch what a
 * plugin throws and track failures so that {@link #status()} can show them.
 */
public final class PluginHost implements AutoCloseable {

    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(10);

    private static final System.Logger LOG = System.getLogger(PluginHost.class.getName());

    private final List<PluginSlot> slots;
    private final List<PluginInfo> loadFailures;
    private final Clock clock;
    private final Duration timeLimit;
    private final List<PluginSlot> started = new ArrayList<>();
    private final Actuators actuators;
    private boolean startCalled;
    private boolean closed;

    public PluginHost(LoadedPlugins plugins, Clock clock) {
        this(plugins, clock, DEFAULT_TIME_LIMIT);
    }

    /** {@code timeLimit} bounds each availability check, start and stop of a plugin. */
    public PluginHost(LoadedPlugins plugins, Clock clock, Duration timeLimit) {
        this.slots = plugins.entries().stream().map(PluginSlot::new).toList();
        this.loadFailures = plugins.failures();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeLimit = Objects.requireNonNull(timeLimit, "timeLimit");
        this.actuators = new Actuators(slots, clock);
    }

    /**
     * Starts every plugin, in load order. {@code pluginsSection} is the validated {@code plugins}
     * section of the config; each plugin gets its own {@code plugins.<name>} section and the
     * directory {@code <dataDirectory>/plugin-data/<name>}. Never throws because of a plugin.
     */
    public synchronized void start(Settings pluginsSection, String nodeName, Path dataDirectory) {
        if (startCalled) {
            throw new IllegalStateException("plugins were already started");
        }
        startCalled = true;
        for (PluginSlot slot : slots) {
            startOne(slot, pluginsSection, nodeName, dataDirectory);
        }
    }

    private void startOne(PluginSlot slot, Settings pluginsSection, String nodeName, Path dataDirectory) {
        String name = slot.name();
        Plugin plugin = slot.plugin();
        PluginContext context;
        try {
            Settings section = pluginsSection.section(name);
            if (!section.bool("enabled")) {
                slot.set(PluginSlot.State.SKIPPED, "disabled (plugins." + slot.name() + ".enabled is false)");
                return;
            }
            Path directory =
                    Files.createDirectories(dataDirectory.resolve("plugin-data").resolve(name));
            context = new PluginContext(nodeName, section, clock, directory);
        } catch (IOException | RuntimeException e) {
            fail(slot, "could not prepare its config and data directory: " + LoadedPlugins.describe(e), e);
            return;
        }
        try {
            Plugin.Availability availability = BoundedCall.call(
                    "plugin-" + name + "-availability", plugin, timeLimit, () -> plugin.availability(context));
            if (!availability.available()) {
                slot.set(PluginSlot.State.SKIPPED, availability.reason());
                LOG.log(System.Logger.Level.INFO, "Plugin " + name + " skipped: " + availability.reason());
                return;
            }
        } catch (Exception | LinkageError e) {
            fail(slot, "availability check failed: " + message(e), e);
            return;
        }
        started.add(slot);
        try {
            BoundedCall.run("plugin-" + name + "-start", plugin, timeLimit, () -> plugin.start(context));
        } catch (Exception | LinkageError e) {
            fail(slot, message(e), e);
            return;
        }
        try {
            List<SourceSpec> sources = plugin instanceof SensorPlugin sensor ? sensor.sources() : List.of();
            List<ActionSpec> actions = plugin instanceof ActuatorPlugin actuator ? actuator.actions() : List.of();
            slot.running(sources, actions);
            LOG.log(
                    System.Logger.Level.INFO,
                    "Plugin " + name + " running with " + sources.size() + " sources and " + actions.size()
                            + " actions");
        } catch (RuntimeException | LinkageError e) {
            fail(slot, "could not list its sources and actions: " + LoadedPlugins.describe(e), e);
        }
    }

    private static String message(Throwable e) {
        return e instanceof TimeoutException ? String.valueOf(e.getMessage()) : LoadedPlugins.describe(e);
    }

    private static void fail(PluginSlot slot, String reason, Throwable cause) {
        slot.set(PluginSlot.State.FAILED, reason);
        LOG.log(System.Logger.Level.WARNING, "Plugin " + slot.name() + " failed: " + reason, cause);
    }

    /** Every plugin, loaded or not, in load order, followed by those that failed to load. */
    public List<PluginInfo> status() {
        List<PluginInfo> status = new ArrayList<>(slots.size() + loadFailures.size());
        slots.forEach(slot -> status.add(slot.info()));
        status.addAll(loadFailures);
        return List.copyOf(status);
    }

    /** The running sensor plugins, each with its sources; read them through the handle. */
    public List<SensorHandle> sensors() {
        return slots.stream()
                .filter(slot -> slot.state() == PluginSlot.State.RUNNING && slot.plugin() instanceof SensorPlugin)
                .map(SensorHandle::new)
                .toList();
    }

    /**
     * Records the outcome of reading {@code sourceId} (a {@link SourceSpec#id()}) of {@code plugin},
     * for failures the sampler detects itself (e.g. a value it cannot store); a {@link Sample.Failure}
     * extends the source's failure streak, anything else ends it. {@link SensorHandle#sample} calls
     * this already.
     */
    public void recordSample(String plugin, String sourceId, Sample outcome) {
        PluginSlot slot =
                slot(plugin).orElseThrow(() -> new IllegalArgumentException("no plugin named '" + plugin + "'"));
        record(slot, sourceId, outcome, null);
    }

    /** Records an outcome and logs the first failure of a streak (with its exception, if any) once. */
    static void record(PluginSlot slot, String sourceId, Sample outcome, @Nullable Throwable cause) {
        if (slot.record(sourceId, outcome) && outcome instanceof Sample.Failure(String reason)) {
            String message = "Source " + sourceId + " of plugin " + slot.name() + " failed: " + reason
                    + " (logged again only after it has recovered)";
            if (cause == null) {
                LOG.log(System.Logger.Level.WARNING, message);
            } else {
                LOG.log(System.Logger.Level.WARNING, message, cause);
            }
        }
    }

    public Actuators actuators() {
        return actuators;
    }

    private Optional<PluginSlot> slot(String name) {
        return slots.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Stops the started plugins in reverse start order; a failing stop is logged and the others still stop. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (PluginSlot slot : started.reversed()) {
            Plugin plugin = slot.plugin();
            if (slot.state() == PluginSlot.State.RUNNING) {
                slot.set(PluginSlot.State.STOPPED, null); // first: no new samples or actions reach it
            }
            // then wait (bounded) for a call still inside the plugin, so stop never overlaps one
            boolean quiet = false;
            try {
                quiet = slot.lock()
                        .tryLock(PluginSlot.CALL_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!quiet) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "Plugin " + slot.name() + " is still busy with a call after " + PluginSlot.CALL_WAIT.toSeconds()
                                + " s; stopping it anyway");
            }
            try {
                BoundedCall.run("plugin-" + slot.name() + "-stop", plugin, timeLimit, plugin::stop);
            } catch (Exception | LinkageError e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "Plugin " + slot.name() + " did not stop cleanly: " + message(e),
                        e);
            } finally {
                if (quiet) {
                    slot.lock().unlock();
                }
            }
        }
    }
}
