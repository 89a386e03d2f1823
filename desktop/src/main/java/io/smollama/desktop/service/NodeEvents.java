package io.smollama.desktop.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.smollama.common.ChatEvent;
import io.smollama.common.Health;
import io.smollama.common.Json;
import io.smollama.common.Memory;
import io.smollama.common.NodeEvent;
import io.smollama.common.Observation;
import io.smollama.common.Reading;
import java.io.IOException;
import java.util.Optional;

/** Reads the node's WebSocket frames ({@code {"type","node","data"}}) into {@link NodeEvent}s. */
final class NodeEvents {

    private NodeEvents() {}

    /** The event, or empty for a kind this console does not know (a newer node) or a malformed frame. */
    static Optional<NodeEvent> parse(String frame) {
        try {
            JsonNode tree = Json.mapper().readTree(frame);
            String node = tree.path("node").asText("");
            JsonNode data = tree.path("data");
            var m = Json.mapper();
            NodeEvent event =
                    switch (tree.path("type").asText("")) {
                        case "reading" -> new NodeEvent.ReadingEvent(node, m.treeToValue(data, Reading.class));
                        case "observation" ->
                            new NodeEvent.ObservationEvent(node, m.treeToValue(data, Observation.class));
                        case "memory" -> new NodeEvent.MemoryEvent(node, m.treeToValue(data, Memory.class));
                        case "chat" -> new NodeEvent.ChatStreamEvent(node, m.treeToValue(data, ChatEvent.class));
                        case "node" -> new NodeEvent.NodeStatusEvent(node, m.treeToValue(data, Health.class));
                        default -> null;
                    };
            return Optional.ofNullable(event);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
