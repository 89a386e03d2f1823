package io.smollama.node.mqttagent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smollama.common.Json;
import io.smollama.node.agent.AgentTool;
import io.smollama.node.agent.ToolParameter;
import io.smollama.node.mqtt.MqttMessage;
import io.smollama.node.mqtt.MqttService;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The agent's MQTT tools: {@code publish} a text message, and {@code get_recent_messages} this node received. The
 * model may publish anywhere except where it would impersonate a node: {@code $…} topics (the broker's), topics
 * with wildcards, and any node's {@code <prefix>/<node>/readings} and {@code <prefix>/<node>/status} (hubs store
 * readings payloads as sensor data, and the status is each node's own liveness).
 */
public final class MqttTools {

    static final int MAX_PAYLOAD_CHARS = 65_536;
    static final int MAX_MESSAGES = 100;
    static final int DEFAULT_MESSAGES = 20;
    static final int SHOWN_PAYLOAD_CHARS = 2_000;

    private record Tool(String name, String description, List<ToolParameter> parameters, Body body)
            implements AgentTool {
        @Override
        public String execute(JsonNode arguments) throws Exception {
            return body.run(arguments);
        }
    }

    @FunctionalInterface
    private interface Body {
        String run(JsonNode arguments) throws Exception;
    }

    private final MqttService mqtt;

    public MqttTools(MqttService mqtt) {
        this.mqtt = mqtt;
    }

    public List<AgentTool> tools() {
        return List.of(publish(), recentMessages());
    }

    private AgentTool publish() {
        return new Tool(
                "publish",
                "Publish a text message to an MQTT topic, e.g. to switch a device or tell other systems something."
                        + " The topic is a concrete name like home/kitchen/light/set (no + or # wildcards, not"
                        + " starting with $, and never a node's smollama/<node>/readings or /status topic)."
                        + " qos 1 (default) is delivered even if the broker is briefly down; qos 0 is sent only"
                        + " while connected. retain true makes the broker keep it as the topic's last value.",
                List.of(
                        ToolParameter.string("topic", "The MQTT topic to publish to", true),
                        ToolParameter.string(
                                "payload", "The message text (often JSON), at most 65536 characters", true),
                        ToolParameter.integer("qos", "Quality of service: 0 or 1 (default 1)", false, 0, 1),
                        ToolParameter.bool(
                                "retain", "Whether the broker keeps it as the last value (default false)", false)),
                args -> {
                    String topic = args.get("topic").asText().strip();
                    String payload = args.get("payload").asText();
                    int qos = args.hasNonNull("qos") ? args.get("qos").asInt() : 1;
                    boolean retain =
                            args.hasNonNull("retain") && args.get("retain").asBoolean();
                    String refusal = refusal(topic, mqtt.settings().prefix());
                    if (refusal != null) {
                        throw new IllegalArgumentException(refusal);
                    }
                    if (payload.length() > MAX_PAYLOAD_CHARS) {
                        throw new IllegalArgumentException("payload has " + payload.length() + " characters; at most "
                                + MAX_PAYLOAD_CHARS + " are allowed");
                    }
                    if (!mqtt.publish(topic, payload, qos, retain)) {
                        throw new IllegalStateException(
                                qos == 0
                                        ? "not sent: the node is not connected to the MQTT broker now (try qos 1)"
                                        : "not sent: MQTT is not enabled on this node");
                    }
                    ObjectNode r = Json.mapper().createObjectNode();
                    r.put("topic", topic);
                    r.put("qos", qos);
                    r.put("retain", retain);
                    r.put("result", qos == 0 ? "sent" : "queued for delivery");
                    return r.toString();
                });
    }

    private AgentTool recentMessages() {
        return new Tool(
                "get_recent_messages",
                "List the MQTT messages this node received recently, newest first, on topics matching a topic"
                        + " filter (MQTT wildcards: + is one level, # is every level below; default #). The last"
                        + " 100 messages per topic are kept; long payloads are cut at 2000 characters.",
                List.of(
                        ToolParameter.string(
                                "topic", "Topic filter, e.g. home/+/temperature or home/# (default #)", false),
                        ToolParameter.integer(
                                "limit", "How many messages at most, 1 to 100 (default 20)", false, 1, MAX_MESSAGES)),
                args -> {
                    String filter = args.hasNonNull("topic")
                                    && !args.get("topic").asText().isBlank()
                            ? args.get("topic").asText().strip()
                            : "#";
                    int limit = args.hasNonNull("limit") ? args.get("limit").asInt() : DEFAULT_MESSAGES;
                    List<MqttMessage> messages = mqtt.recentMessages(filter, limit);
                    ObjectNode r = Json.mapper().createObjectNode();
                    r.put("filter", filter);
                    r.put("count", messages.size());
                    ArrayNode list = r.putArray("messages");
                    for (MqttMessage m : messages) {
                        ObjectNode o = list.addObject();
                        o.put("topic", m.topic());
                        boolean cut = m.payload().length() > SHOWN_PAYLOAD_CHARS;
                        o.put("payload", cut ? m.payload().substring(0, SHOWN_PAYLOAD_CHARS) : m.payload());
                        if (cut) {
                            o.put("truncated", true);
                        }
                        o.put("qos", m.qos());
                        o.put("retained", m.retained());
                        o.put("receivedAt", m.receivedAt().toString());
                    }
                    return r.toString();
                });
    }

    /** Why the agent may not publish to {@code topic}, or null when it may. */
    static @Nullable String refusal(String topic, String prefix) {
        if (topic.isEmpty()) {
            return "topic is empty";
        }
        if (topic.contains("+") || topic.contains("#")) {
            return "topic '" + topic + "' has a wildcard (+ or #); publish to a concrete topic";
        }
        if (topic.startsWith("$")) {
            return "topic '" + topic + "' starts with '$': those topics belong to the broker";
        }
        if (topic.startsWith(prefix + "/")) {
            String[] rest = topic.substring(prefix.length() + 1).split("/", -1);
            if (rest.length >= 2 && (rest[1].equals("readings") || rest[1].equals("status"))) {
                return "topic '" + topic + "' is a node's own " + rest[1]
                        + " topic; only that node publishes there (use " + prefix + "/<node>/events or another topic)";
            }
        }
        return null;
    }
}
