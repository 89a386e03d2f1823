package io.smollama.node.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientState;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3ConnectBuilder;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * One MQTT 3.1.1 connection to a broker through the HiveMQ client. It keeps itself connected: every lost
 * connection or failed attempt schedules the next attempt with {@link Backoff}; on each (re)connect it
 * publishes the retained {@code online} status and subscribes to its filters again (sessions are clean). The
 * broker publishes the retained {@code offline} last will when the connection dies; {@link #close()} publishes
 * {@code offline} itself before disconnecting. MQTT 3.1.1 is spoken because both Moquette and Mosquitto serve it.
 */
final class MqttLink implements AutoCloseable {

    static {
        NettyDefaults.apply(); // before this class touches Netty
    }

    private static final Logger LOG = Logger.getLogger(MqttLink.class.getName());
    static final String ONLINE = "online";
    static final String OFFLINE = "offline";
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);

    /** What the link is doing now, for health. */
    record Status(boolean connected, int attempts, @Nullable String lastError) {}

    private final String host;
    private final int port;
    private final String statusTopic;
    private final List<Subscription> subscriptions;
    /** Subscriptions the broker acknowledged since the last connect. */
    private final java.util.concurrent.atomic.AtomicInteger subscribed =
            new java.util.concurrent.atomic.AtomicInteger();

    private final Backoff backoff;
    private final Mqtt3AsyncClient client;
    private final Runnable onConnected;
    private volatile boolean closing;
    private volatile int attempts;
    private volatile @Nullable String lastError;

    /** A filter to subscribe to on every connect, with the QoS to ask for. */
    record Subscription(TopicFilter filter, int qos) {}

    MqttLink(
            MqttSettings settings,
            String host,
            int port,
            List<Subscription> subscriptions,
            Backoff backoff,
            Consumer<MqttMessage> onMessage,
            Runnable onConnected,
            Clock clock) {
        this.host = host;
        this.port = port;
        this.statusTopic = settings.statusTopic();
        this.subscriptions = List.copyOf(subscriptions);
        this.backoff = backoff;
        this.onConnected = onConnected;
        var builder = MqttClient.builder()
                .useMqttVersion3()
                .identifier(settings.clientId())
                .serverHost(host)
                .serverPort(port)
                .transportConfig()
                .socketConnectTimeout(10, TimeUnit.SECONDS)
                .mqttConnectTimeout(10, TimeUnit.SECONDS)
                .applyTransportConfig()
                .addConnectedListener(ctx -> connected())
                .addDisconnectedListener(this::disconnected);
        if (settings.tls()) {
            builder = builder.sslWithDefaultConfig();
        }
        this.client = builder.buildAsync();
        client.publishes(
                MqttGlobalPublishFilter.SUBSCRIBED,
                p -> onMessage.accept(new MqttMessage(
                        p.getTopic().toString(),
                        new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8),
                        p.getQos().getCode(),
                        p.isRetain(),
                        clock.instant())));
        Mqtt3ConnectBuilder.Send<CompletableFuture<com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck>>
                connect = client.connectWith()
                        .cleanSession(true)
                        .keepAlive(30)
                        .willPublish()
                        .topic(statusTopic)
                        .payload(OFFLINE.getBytes(StandardCharsets.UTF_8))
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .retain(true)
                        .applyWillPublish();
        if (settings.username().isPresent()) {
            connect = connect.simpleAuth()
                    .username(settings.username().get())
                    .password(settings.password().orElse("").getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth();
        }
        // failures are handled by the disconnected listener, which schedules the retries
        connect.send().exceptionally(e -> null);
    }

    String endpoint() {
        return host + ":" + port;
    }

    Status status() {
        return new Status(client.getState() == MqttClientState.CONNECTED, attempts, lastError);
    }

    boolean isConnected() {
        return client.getState() == MqttClientState.CONNECTED;
    }

    /** Connected, and the broker has acknowledged every subscription of this connection. */
    boolean subscribed() {
        return isConnected() && subscribed.get() >= subscriptions.size();
    }

    /**
     * Publishes now; the future completes when the broker has acknowledged it (PUBACK/PUBCOMP for QoS 1/2,
     * when written for QoS 0) and fails when the connection is lost first.
     */
    CompletableFuture<Mqtt3Publish> publish(String topic, byte[] payload, int qos, boolean retain) {
        return client.publishWith()
                .topic(topic)
                .payload(payload)
                .qos(MqttQos.fromCode(qos))
                .retain(retain)
                .send();
    }

    private void connected() {
        if (closing) {
            // a connect that was under way when the link closed: leave at once
            client.disconnect().exceptionally(e -> null);
            return;
        }
        attempts = 0;
        lastError = null;
        LOG.info(() -> "connected to the MQTT broker at " + endpoint());
        publish(statusTopic, ONLINE.getBytes(StandardCharsets.UTF_8), 1, true);
        subscribed.set(0);
        for (Subscription s : subscriptions) {
            client.subscribeWith()
                    .topicFilter(s.filter().filter())
                    .qos(MqttQos.fromCode(s.qos()))
                    .send()
                    .whenComplete((ack, e) -> {
                        if (e != null) {
                            LOG.warning(() -> "subscribing to " + s.filter().filter() + " failed: " + e);
                        } else {
                            subscribed.incrementAndGet();
                        }
                    });
        }
        onConnected.run();
    }

    private void disconnected(MqttClientDisconnectedContext ctx) {
        if (closing) {
            return;
        }
        int attempt = ++attempts;
        Throwable cause = ctx.getCause();
        String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        boolean first = lastError == null || !reason.equals(lastError);
        lastError = reason;
        Duration delay = backoff.delay(attempt);
        if (attempt == 1 || first) {
            LOG.log(
                    attempt == 1 ? Level.WARNING : Level.INFO,
                    "MQTT broker at " + endpoint() + " not connected (" + reason + "); retrying in " + delay.toMillis()
                            + " ms, attempt " + attempt);
        }
        // the client's own delay cannot be cancelled (disconnect() refuses a client that is not connected), so
        // the wait is a future of ours whose callback calls the reconnect off when this link closed meanwhile:
        // a closed link that reconnected later would take its client id over from the node's new link
        var reconnector = ctx.getReconnector();
        reconnector
                .reconnect(true)
                .resubscribeIfSessionExpired(false)
                .republishIfSessionExpired(false)
                .delay(0, TimeUnit.MILLISECONDS)
                .reconnectWhen(
                        CompletableFuture.runAsync(
                                () -> {}, CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS)),
                        (ignored, error) -> {
                            if (closing) {
                                reconnector.reconnect(false);
                            }
                        });
    }

    /** Publishes the retained {@code offline} status, then disconnects cleanly (the broker drops the will). */
    @Override
    public void close() {
        closing = true;
        try {
            if (isConnected()) {
                publish(statusTopic, OFFLINE.getBytes(StandardCharsets.UTF_8), 1, true)
                        .get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (Exception e) {
            LOG.log(Level.FINE, "could not publish the offline status", e);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            client.disconnect().get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // not connected (or already gone): nothing to say goodbye to
            LOG.log(Level.FINE, "MQTT disconnect", e);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
