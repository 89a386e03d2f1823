package io.smollama.node.plugin;

import java.util.List;
import java.util.Map;

/** A plugin that changes the world: named actions with typed parameters (GPIO outputs, relays, ...). */
public interface ActuatorPlugin extends Plugin {

    /** The actions this plugin offers; called after a successful {@link #start}. */
    List<ActionSpec> actions();

    /**
     * Performs an action. {@code params} have already been validated against the action's
     * {@link ParamSpec}s and converted (Boolean, Long, Double or String). A failure is returned as
     * an outcome with {@code ok=false}, not thrown.
     */
    ActionOutcome act(String action, Map<String, Object> params);
}
