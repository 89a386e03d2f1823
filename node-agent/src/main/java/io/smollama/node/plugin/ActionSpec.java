package io.smollama.node.plugin;

import java.util.List;

/** A named action of an actuator plugin; its id is unique within the plugin. */
public record ActionSpec(String id, String description, List<ParamSpec> params) {
    public ActionSpec {
        if (!id.matches("[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,63}")) {
            throw new IllegalArgumentException("action id '" + id + "' must be a simple name");
        }
        params = List.copyOf(params);
    }
}
