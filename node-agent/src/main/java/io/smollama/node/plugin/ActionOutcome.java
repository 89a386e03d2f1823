package io.smollama.node.plugin;

import java.util.Map;

/** What an action did: success, a sentence for people, and the state after it (e.g. {@code state=true}). */
public record ActionOutcome(boolean ok, String message, Map<String, Object> state) {
    public ActionOutcome {
        state = Map.copyOf(state);
    }

    public static ActionOutcome ok(String message, Map<String, Object> state) {
        return new ActionOutcome(true, message, state);
    }

    public static ActionOutcome failed(String message) {
        return new ActionOutcome(false, message, Map.of());
    }
}
