package io.smollama.node.plugin;

/** No running plugin offers the requested actuator id ({@code <plugin>:<action>}); the HTTP layer answers 404. */
public final class UnknownActuatorException extends RuntimeException {

    private final String actuatorId;

    UnknownActuatorException(String actuatorId, String message) {
        super(message);
        this.actuatorId = actuatorId;
    }

    public String actuatorId() {
        return actuatorId;
    }
}
