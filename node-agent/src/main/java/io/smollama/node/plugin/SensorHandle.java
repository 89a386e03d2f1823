package io.smollama.node.plugin;

import java.util.List;

/**
 * A running sensor plugin as the sampler sees it: its name, its sources, and an isolated way to
 * read one. Reading never throws: a plugin that throws or returns nothing yields a
 * {@link Sample.Failure}, and every outcome is recorded for the plugin's status.
 */
public final class SensorHandle {

    private final PluginSlot slot;

    SensorHandle(PluginSlot slot) {
        this.slot = slot;
    }

    public String plugin() {
        return slot.name();
    }

    /** The sources the plugin declared when it started. */
    public List<SourceSpec> sources() {
        return slot.sources();
    }

    /** Reads the source with this {@link SourceSpec#id()} now, holding the plugin's lock. */
    public Sample sample(String sourceId) {
        if (slot.state() != PluginSlot.State.RUNNING) {
            return Sample.failure("plugin " + slot.name() + " is not running (" + slot.state() + ")");
        }
        Sample outcome;
        Throwable cause = null;
        slot.lock().lock();
        try {
            Sample sample = ((SensorPlugin) slot.plugin()).sample(sourceId);
            outcome = sample != null ? sample : Sample.failure("plugin " + slot.name() + " returned no sample");
        } catch (RuntimeException | LinkageError e) {
            cause = e;
            outcome = Sample.failure("plugin " + slot.name() + " failed: " + LoadedPlugins.describe(e));
        } finally {
            slot.lock().unlock();
        }
        PluginHost.record(slot, sourceId, outcome, cause);
        return outcome;
    }
}
