package io.smollama.common;

import java.util.List;

/** A named action a node can take (a GPIO output, a relay, ...), with its typed parameters. */
public record ActuatorInfo(String id, String plugin, String description, List<ParameterInfo> parameters) {
    public ActuatorInfo {
        parameters = List.copyOf(parameters);
    }

    /** One parameter of an action: name, type (boolean, integer, number, string, enum), and limits. */
    public record ParameterInfo(
            String name,
            String type,
            String description,
            boolean required,
            @org.jspecify.annotations.Nullable Double min,
            @org.jspecify.annotations.Nullable Double max,
            List<String> allowed) {
        public ParameterInfo {
            allowed = List.copyOf(allowed);
        }
    }
}
