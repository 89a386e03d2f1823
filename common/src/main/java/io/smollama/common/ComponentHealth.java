package io.smollama.common;

import org.jspecify.annotations.Nullable;

/** The state of one part of a node (store, sampler, a plugin, the HTTP server, ...). */
public record ComponentHealth(Status status, @Nullable String detail) {

    public enum Status {
        UP,
        DEGRADED,
        DOWN,
        DISABLED
    }

    public static ComponentHealth up(@Nullable String detail) {
        return new ComponentHealth(Status.UP, detail);
    }

    public static ComponentHealth down(String detail) {
        return new ComponentHealth(Status.DOWN, detail);
    }
}
