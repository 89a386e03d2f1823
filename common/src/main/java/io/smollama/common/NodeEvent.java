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

    /** An observation was stored or merged into an existing one. */
    record ObservationEvent(String node, Observation data) implements NodeEvent {
        @Override
        public String type() {
            return "observation";
        }
    }

    /** A memory was stored, confirmed or forgotten. */
    record MemoryEvent(String node, Memory data) implements NodeEvent {
        @Override
        public String type() {
            return "memory";
        }
    }

    /** A step of a streamed chat answer. */
    record ChatStreamEvent(String node, ChatEvent data) implements NodeEvent {
        @Override
        public String type() {
            return "chat";
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
