package io.smollama.common;

import java.time.Instant;
import java.util.Map;

/** What an actuator did: whether it succeeded, a sentence for people, and the resulting state. */
public record ActionResult(String actuator, boolean ok, String message, Map<String, Object> state, Instant at) {
    public ActionResult {
        state = Map.copyOf(state);
    }
}
