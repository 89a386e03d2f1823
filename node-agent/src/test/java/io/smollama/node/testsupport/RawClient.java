package io.smollama.node.testsupport;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import io.smollama.node.mqtt.MqttMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A plain MQTT 3.1.1 client for tests: what another device on the network would do. */
public final class RawClient implements AutoCloseable {

    private final Mqtt3BlockingClient client;
    public final BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();

    public RawClient(String id, int port) {
        client = MqttClient.builder()
                .useMqttVersion3()
                .identifier(id)
                .serverHost("127.0.0.1")
                .serverPort(port)
                .buildBlocking();
        client.connectWith().cleanSession(true).send();
        client.toAsync()
                .publishes(
                        com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL,
                        p -> received.add(new MqttMessage(
                                p.getTopic().toString(),
                                new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8),
                                p.getQos().getCode(),
                                p.isRetain(),
                                java.time.Instant.now())));
    }

    /**
     * Subscribes; Moquette 0.17 now and then processes a SUBSCRIBE that follows the CONNACK closely as if the
     * connection were closed (its "SUBSCRIBE received on already closed connection" race) and drops the client,
     * so a dropped subscribe is retried on a new connection, as a real device would.
     */
    public RawClient subscribe(String filter) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.subscribeWith()
                        .topicFilter(filter)
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send();
                return this;
            } catch (RuntimeException e) {
                if (attempt == 3) {
                    throw e;
                }
                if (client.getState() != com.hivemq.client.mqtt.MqttClientState.CONNECTED) {
                    client.connectWith().cleanSession(true).send();
                }
            }
        }
    }

    public void publish(String topic, String payload) {
        client.publishWith()
                .topic(topic)
                .payload(payload.getBytes(StandardCharsets.UTF_8))
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
    }

    /** The next message (10 s at most), else an assertion error. */
    public MqttMessage next() throws InterruptedException {
        MqttMessage m = received.poll(10, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("no MQTT message within 10 s");
        }
        return m;
    }

    /** The next message on {@code topic}, skipping others. */
    public MqttMessage next(String topic) throws InterruptedException {
        while (true) {
            MqttMessage m = next();
            if (m.topic().equals(topic)) {
                return m;
            }
        }
    }

    public List<MqttMessage> drain() {
        List<MqttMessage> out = new java.util.ArrayList<>();
        received.drainTo(out);
        return out;
    }

    @Override
    public void close() {
        client.disconnect();
    }
}
