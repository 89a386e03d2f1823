package io.smollama.common;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An event a node pushes over its WebSocket: {@code {"type": "...", "node": "...", "data": {...}}}.
 * The kinds are closed so a {@code switch} over them is checked.
 */
public sealed interface NodeEvent {

    @JsonProperty("type")
    String type();

    String node();

    Object data();

    /** A reading was stored. */
    record ReadingEvent(String node, Reading data) implements NodeEvent {
        @Override
        public String type() {
            return "reading";
        }
    }

    /** The node's health or status changed. */
    record NodeStatusEvent(String node, Health data) implements NodeEvent {
        @Override
        public String type() {
            return "node";
        }
    }
}
