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
        try {
            outcome = slot.call(() -> ((SensorPlugin) slot.plugin()).sample(sourceId))
                    .orElseGet(() -> Sample.failure("plugin " + slot.name() + " returned no sample, or is busy: "
                            + "another call into it has not returned for " + PluginSlot.CALL_WAIT.toSeconds() + " s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = Sample.failure("interrupted while waiting for plugin " + slot.name());
        } catch (OutOfMemoryError e) {
            throw e;
        } catch (Throwable e) { // a plugin's bug, whatever it throws (StackOverflowError included), is its own
            cause = e;
            outcome = Sample.failure("plugin " + slot.name() + " failed: " + LoadedPlugins.describe(e));
        }
        PluginHost.record(slot, sourceId, outcome, cause);
        return outcome;
    }

    /** Records that a sample the plugin returned was unusable (e.g. not a finite number), for its status. */
    public void recordInvalid(String sourceId, String reason) {
        PluginHost.record(slot, sourceId, Sample.failure(reason), null);
    }
}
