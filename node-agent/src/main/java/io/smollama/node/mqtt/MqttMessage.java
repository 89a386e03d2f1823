package io.smollama.node.mqtt;

import java.time.Instant;
import java.util.Objects;

/**
 * A message this node received from the broker: its topic, its payload as UTF-8 text, the QoS it was
 * delivered with, whether the broker sent it as a retained message, and when this node received it.
 */
public record MqttMessage(String topic, String payload, int qos, boolean retained, Instant receivedAt) {

    public MqttMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos must be 0, 1 or 2, got " + qos);
        }
    }
}
