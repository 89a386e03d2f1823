package io.smollama.node.plugin;

import java.util.List;

/** A plugin that produces readings. */
public interface SensorPlugin extends Plugin {

    /** The sources this plugin offers; called after a successful {@link #start}. */
    List<SourceSpec> sources();

    /**
     * Reads one source now. Called from one thread per plugin, at each source's interval. Should not
     * throw; if it does, the sampler records a failure for that source and carries on.
     */
    Sample sample(String sourceId);
}
