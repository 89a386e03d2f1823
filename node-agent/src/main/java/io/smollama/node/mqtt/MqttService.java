package io.smollama.node.mqtt;

import io.smollama.common.ComponentHealth;
import io.smollama.common.Reading;
import io.smollama.common.discovery.DiscoveredNode;
import io.smollama.node.config.NodeConfig;
import io.smollama.node.store.Database;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * A node's MQTT: the embedded broker (when it runs one), the link to the broker, the persistent outbox, the
 * recent-message history, the ingest of other nodes' edge readings and, on an {@code edge} node, the periodic
 * publishing of its own readings. Built and closed by {@code NodeAgent}; when MQTT is disabled (no broker
 * configured, none embedded, none to discover) it holds nothing and {@link #publish} refuses.
 *
 * <p>A node with {@code mqtt.discover} (no {@code mqtt.host}, no broker of its own) connects to the broker of the
 * hub that discovery reports ({@link #followHub}), and moves to the hub's new address when it moves; until a hub
 * is known, QoS 1/2 messages wait in the outbox. When the hub goes away the link keeps trying its last address.
 *
 * <p>An edge node publishes its readings, and its retained status, and nothing else: it does not subscribe.
 * Hubs and nodes subscribe to {@code <prefix>/+/readings} and to {@code mqtt.agent_topics}.
 */
public final class MqttService implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MqttService.class.getName());
    static final int HISTORY_PER_TOPIC = 100;
    static final int HISTORY_TOPICS = 500;
    static final long HISTORY_CHARS = 4_000_000;
    static final Duration DEFAULT_FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofSeconds(60);

    private final MqttSettings settings;
    private final Clock clock;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final MessageHistory history = new MessageHistory(HISTORY_PER_TOPIC, HISTORY_TOPICS, HISTORY_CHARS);
    private final List<Consumer<MqttMessage>> agentListeners = new CopyOnWriteArrayList<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong directPublished = new AtomicLong();
    private final AtomicLong unsent = new AtomicLong();
    private final EchoFilter echoes;
    private final TopicFilter readingsFilter;
    private @Nullable EmbeddedBroker broker;
    private volatile @Nullable MqttLink link;
    private List<MqttLink.Subscription> subscriptions = List.of();
    private @Nullable Backoff backoff;
    private @Nullable ExecutorService follower;
    private @Nullable Outbox outbox;
    private @Nullable OutboxSender sender;
    private @Nullable ReadingsIngest ingest;
    private @Nullable AgentTrigger agent;
    private @Nullable EdgePublisher edge;

    private MqttService(MqttSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.echoes = new EchoFilter(clock, Duration.ofMinutes(5), 1000);
        this.readingsFilter = new TopicFilter(settings.readingsFilter());
    }

    /**
     * Starts MQTT as {@code settings} say. Ingested edge readings go to {@code readings} (the reading writer).
     * On failure everything already started is closed again.
     */
    public static MqttService start(MqttSettings settings, Database db, Consumer<Reading> readings, Clock clock) {
        return start(settings, db, readings, clock, new Backoff(DEFAULT_FIRST_RETRY, MAX_RETRY, new Random()));
    }

    static MqttService start(
            MqttSettings settings, Database db, Consumer<Reading> readings, Clock clock, Backoff backoff) {
        MqttService s = new MqttService(settings, clock);
        if (!settings.enabled()) {
            return s;
        }
        try {
            s.open(db, readings, backoff);
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void open(Database db, Consumer<Reading> readings, Backoff backoff) {
        this.backoff = backoff;
        if (settings.embedded()) {
            broker = EmbeddedBroker.start(
                    settings.bindHost(),
                    settings.port(),
                    settings.brokerDirectory(),
                    settings.username(),
                    settings.password());
            resources.push(broker);
        }
        outbox = new Outbox(db, clock, settings.outboxLimit());
        List<MqttLink.Subscription> subscriptions = new ArrayList<>();
        if (settings.role() != NodeConfig.Role.EDGE) {
            ingest = new ReadingsIngest(settings.node(), settings.prefix(), readings, clock);
            agent = new AgentTrigger(settings, agentListeners);
            resources.push(agent);
            subscriptions.add(new MqttLink.Subscription(new TopicFilter(settings.readingsFilter()), 1));
            for (TopicFilter f : settings.agentTopics()) {
                subscriptions.add(new MqttLink.Subscription(f, 1));
            }
        }
        this.subscriptions = List.copyOf(subscriptions);
        resources.push(() -> {
            MqttLink l = link;
            if (l != null) {
                l.close();
            }
        });
        if (settings.host().isPresent()) {
            link = newLink(settings.host().get(), settings.port());
        } else if (broker != null) {
            link = newLink(loopbackFor(broker.host()), broker.port());
        } else {
            ExecutorService f = Executors.newSingleThreadExecutor(
                    r -> Thread.ofPlatform().daemon().name("mqtt-follow").unstarted(r));
            follower = f;
            resources.push(() -> {
                f.shutdownNow();
                if (!f.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    LOG.warning("switching to the hub's MQTT broker did not stop within 10 s");
                }
            });
        }
        sender = new OutboxSender(outbox, () -> link);
        sender.start();
        resources.push(sender);
        if (settings.role() == NodeConfig.Role.EDGE) {
            edge = new EdgePublisher(settings, clock, this::publish);
            edge.start();
            resources.push(edge);
        }
    }

    private MqttLink newLink(String host, int port) {
        return new MqttLink(
                settings,
                host,
                port,
                subscriptions,
                java.util.Objects.requireNonNull(backoff),
                this::received,
                () -> {
                    OutboxSender s = sender;
                    if (s != null) {
                        s.wake();
                    }
                },
                clock);
    }

    /**
     * The hub discovery reports now (empty when none): a node with {@code mqtt.discover} connects to the broker it
     * announces ({@code mqtt=<port>} on its address), and moves when that changes. A hub that goes away, or
     * announces no broker, leaves the link trying the last address. Returns at once; the switch happens on its
     * own thread (closing the old link may wait for the old broker). Ignored unless {@code mqtt.discover} applies.
     */
    public void followHub(Optional<DiscoveredNode> hub) {
        ExecutorService f = follower;
        if (f == null || hub.isEmpty() || hub.get().mqttPort() == null) {
            return;
        }
        String host = hub.get().host();
        int port = java.util.Objects.requireNonNull(hub.get().mqttPort());
        try {
            f.execute(() -> connectTo(hub.get().name(), host, port));
        } catch (RejectedExecutionException e) {
            LOG.log(Level.FINE, "closing: not following the hub any more", e);
        }
    }

    private void connectTo(String hubName, String host, int port) {
        MqttLink old = link;
        String endpoint = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        if (old != null && old.endpoint().equals(host + ":" + port)) {
            return;
        }
        LOG.info(() -> "using the MQTT broker of hub " + hubName + " at " + endpoint
                + (old == null ? "" : " (was " + old.endpoint() + ")"));
        if (old != null) {
            old.close();
        }
        if (!Thread.currentThread().isInterrupted()) {
            link = newLink(host, port);
            OutboxSender s = sender;
            if (s != null) {
                s.wake();
            }
        }
    }

    private static String loopbackFor(String bindHost) {
        return bindHost.equals("0.0.0.0") || bindHost.equals("::") ? "127.0.0.1" : bindHost;
    }

    private void received(MqttMessage m) {
        received.incrementAndGet();
        history.add(m);
        byte[] payload = m.payload().getBytes(StandardCharsets.UTF_8);
        boolean echo = echoes.isEcho(m.topic(), payload);
        ReadingsIngest in = ingest;
        if (in != null && readingsFilter.matches(m.topic())) {
            if (!echo) {
                in.accept(m.topic(), payload);
            }
            return; // readings never trigger the agent
        }
        AgentTrigger a = agent;
        if (a != null && !echo && !m.topic().startsWith(settings.prefix() + "/" + settings.node() + "/")) {
            a.offer(m);
        }
    }

    /**
     * Publishes {@code payload} (UTF-8) to {@code topic}. QoS 1 and 2 messages go through the persistent outbox:
     * they survive a broker outage and a restart and are delivered in order once the broker is reachable. QoS 0
     * messages are sent now or, when not connected, dropped (and counted).
     *
     * @param qos 0, 1 or 2
     * @return whether the message was queued or sent; false when MQTT is disabled or a QoS 0 message could not be
     *     sent (QoS 1/2 messages of a node still waiting for a hub's broker wait in the outbox)
     * @throws IllegalArgumentException when {@code topic} is empty or has wildcards, or {@code qos} is not 0–2
     */
    public boolean publish(String topic, String payload, int qos, boolean retain) {
        return publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retain);
    }

    /** Publishes with the QoS that {@code mqtt.qos} gives {@code topic} (1 unless a rule says otherwise). */
    public boolean publish(String topic, String payload) {
        return publish(topic, payload, settings.qosFor(topic), false);
    }

    boolean publish(String topic, byte[] payload, int qos, boolean retain) {
        if (!TopicFilter.isPublishable(topic)) {
            throw new IllegalArgumentException("topic '" + topic + "' must be non-empty and have no wildcards");
        }
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos must be 0, 1 or 2, got " + qos);
        }
        MqttLink l = link;
        Outbox o = outbox;
        OutboxSender s = sender;
        if (o == null || s == null) {
            return false; // MQTT is disabled
        }
        echoes.published(topic, payload);
        if (qos == 0) {
            if (l == null || !l.isConnected()) {
                unsent.incrementAndGet();
                return false;
            }
            l.publish(topic, payload, 0, retain);
            directPublished.incrementAndGet();
            return true;
        }
        o.add(topic, payload, qos, retain);
        s.wake();
        return true;
    }

    /**
     * Connected and every subscription of this connection acknowledged by the broker: from then on
     * messages on the readings and agent topics reach this node (a publish just after the connect
     * might not).
     */
    public boolean subscribed() {
        MqttLink l = link;
        return l != null && l.subscribed();
    }

    /**
     * Up to {@code limit} of the messages this node received recently on topics matching {@code topicFilter}
     * (MQTT wildcards {@code +} and {@code #} allowed), newest first. Up to 100 messages per topic (and about
     * 4 MB of text in all) are kept, in memory only.
     *
     * @throws IllegalArgumentException when {@code topicFilter} is not a valid MQTT topic filter
     */
    public List<MqttMessage> recentMessages(String topicFilter, int limit) {
        return history.recent(new TopicFilter(topicFilter), limit);
    }

    /**
     * Registers a listener for messages on {@code mqtt.agent_topics}. It runs on one dedicated thread, one
     * message at a time; never for this node's own messages, nor for readings payloads.
     */
    public void addAgentListener(Consumer<MqttMessage> listener) {
        agentListeners.add(listener);
    }

    /** Committed readings of this node: an edge node publishes them at the next interval. */
    public void committed(List<Reading> batch) {
        EdgePublisher e = edge;
        if (e != null) {
            e.offer(batch.stream().filter(r -> r.node().equals(settings.node())).toList());
        }
    }

    public MqttSettings settings() {
        return settings;
    }

    /** The embedded broker's port, or -1 when this node runs none. */
    public int brokerPort() {
        EmbeddedBroker b = broker;
        return b == null ? -1 : b.port();
    }

    /** The {@code mqtt} health component. */
    public Map<String, ComponentHealth> health() {
        MqttLink l = link;
        EmbeddedBroker b = broker;
        String brokerNote = b == null ? "" : "; embedded broker on " + b.host() + ":" + b.port();
        if (l == null && follower != null) {
            return Map.of(
                    "mqtt",
                    new ComponentHealth(
                            ComponentHealth.Status.DISABLED,
                            "no broker yet: waiting for a hub that announces one over mDNS (or set mqtt.host)"));
        }
        if (l == null) {
            return Map.of(
                    "mqtt",
                    new ComponentHealth(
                            ComponentHealth.Status.DISABLED,
                            "no broker: set mqtt.host, or mqtt.embedded: true (a hub runs one by default)"));
        }
        MqttLink.Status st = l.status();
        ComponentHealth h = st.connected()
                ? ComponentHealth.up("connected to " + l.endpoint() + brokerNote)
                : new ComponentHealth(
                        ComponentHealth.Status.DEGRADED,
                        (st.attempts() == 0 ? "connecting to " : "reconnecting to ")
                                + l.endpoint()
                                + (st.attempts() == 0 ? "" : " (attempt " + st.attempts() + ")")
                                + (st.lastError() == null ? "" : ": " + st.lastError())
                                + brokerNote);
        return Map.of("mqtt", h);
    }

    /** Counts for {@code /api/health}: messages received, readings ingested and refused, outbox size. */
    public Map<String, Long> counts() {
        Map<String, Long> m = new LinkedHashMap<>();
        if (outbox == null) {
            return m;
        }
        m.put("mqttReceived", received.get());
        OutboxSender s = sender;
        m.put("mqttPublished", directPublished.get() + (s == null ? 0 : s.delivered()));
        ReadingsIngest in = ingest;
        if (in != null) {
            m.put("mqttIngested", in.ingested());
            m.put("mqttRefused", in.refused());
        }
        Outbox o = outbox;
        if (o != null) {
            try {
                m.put("mqttOutbox", o.size());
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "outbox size unavailable", e);
            }
            m.put("mqttDropped", o.dropped() + unsent.get());
        }
        AgentTrigger a = agent;
        if (a != null) {
            m.put("mqttAgentDropped", a.dropped());
        }
        return m;
    }

    /** Stops publishing, says {@code offline}, disconnects, then stops the embedded broker. */
    @Override
    public void close() {
        while (!resources.isEmpty()) {
            AutoCloseable r = resources.pop();
            try {
                r.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing " + r.getClass().getSimpleName() + " failed", e);
            }
        }
    }
}
