package io.smollama.node.mqttagent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smollama.common.ChatEvent;
import io.smollama.common.Json;
import io.smollama.common.NodeEvent;
import io.smollama.node.agent.ChatService;
import io.smollama.node.config.Settings;
import io.smollama.node.events.EventBus;
import io.smollama.node.mqtt.MqttMessage;
import io.smollama.node.mqtt.MqttService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Puts messages on {@code mqtt.agent_topics} to the agent as questions, through the normal {@link ChatService}: one
 * chat session per topic ({@link #sessionId}), so the answers appear in {@code /api/chat} and as WebSocket
 * {@code chat} events, and the configured fallback applies when the LLM is down. The MQTT package already keeps
 * the node's own echo and readings payloads away and bounds the waiting messages (100; more are dropped and
 * counted); here at most {@code mqtt.agent_max_per_minute} questions are asked a minute (more are dropped, counted,
 * and warned about at most once a minute), and retained messages (a broker's replay of a topic's last value on
 * subscribe, not news) are not questions.
 *
 * <p>With {@code mqtt.publish_answers}, each final answer is published to {@code <prefix>/<node>/events} as
 * {@code {"type":"answer","node","topic","sessionId","question","outcome":"done|error","answer","code"?,"ts"}}; an
 * answer to a question the LLM's absence queued is published when it comes.
 */
public final class MqttQuestions implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MqttQuestions.class.getName());
    static final int MAX_PAYLOAD_CHARS = 4_000;
    static final String SESSION_PREFIX = "mqtt-";

    /** The agent-trigger keys of the {@code mqtt} section. */
    public record QuestionSettings(int maxPerMinute, boolean publishAnswers) {
        public static QuestionSettings from(Settings mqtt) {
            return new QuestionSettings(
                    Math.toIntExact(mqtt.integer("agent_max_per_minute")), mqtt.bool("publish_answers"));
        }
    }

    private final MqttService mqtt;
    private final ChatService chat;
    private final QuestionSettings settings;
    private final Clock clock;
    private final RateLimit rate;
    private final EventBus.Subscription busSubscription;
    private final Map<String, String> queuedTopics = new ConcurrentHashMap<>();
    private final Set<String> answering = ConcurrentHashMap.newKeySet();
    private final AtomicLong asked = new AtomicLong();
    private final AtomicLong limited = new AtomicLong();
    private volatile long lastWarning = -1; // clock millis of the last rate warning; -1 before the first
    private volatile boolean closed;

    private MqttQuestions(MqttService mqtt, ChatService chat, QuestionSettings settings, EventBus bus, Clock clock) {
        this.mqtt = mqtt;
        this.chat = chat;
        this.settings = settings;
        this.clock = clock;
        this.rate = new RateLimit(settings.maxPerMinute(), clock);
        this.busSubscription = bus.subscribe(this::queuedAnswer);
    }

    /** Starts handing {@code mqtt}'s agent-topic messages to {@code chat}. */
    public static MqttQuestions start(
            MqttService mqtt, ChatService chat, QuestionSettings settings, EventBus bus, Clock clock) {
        MqttQuestions q = new MqttQuestions(mqtt, chat, settings, bus, clock);
        mqtt.addAgentListener(q::ask);
        return q;
    }

    /**
     * The chat session for messages on {@code topic}: {@code mqtt-} and the topic with every character other than
     * letters, digits, {@code -} and {@code _} turned into {@code _} (cut to 45), then 8 hex digits of its SHA-256,
     * so two topics never share a session and the id is a valid {@code sessionId} for {@code /api/chat}.
     */
    static String sessionId(String topic) {
        String readable = topic.replaceAll("[^A-Za-z0-9_-]", "_");
        if (readable.length() > 45) {
            readable = readable.substring(0, 45);
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(topic.getBytes(StandardCharsets.UTF_8));
            return SESSION_PREFIX + readable + "-" + HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static String question(MqttMessage m) {
        String payload = m.payload().length() > MAX_PAYLOAD_CHARS
                ? m.payload().substring(0, MAX_PAYLOAD_CHARS) + " …(cut at " + MAX_PAYLOAD_CHARS + " characters)"
                : m.payload();
        return "An MQTT message arrived on topic '" + m.topic() + "'. Decide whether and how to act on it (you may"
                + " use your tools, e.g. publish), then answer briefly.\nPayload:\n" + payload;
    }

    /** Runs on the MQTT package's agent thread, one message at a time. */
    void ask(MqttMessage m) {
        if (closed || m.retained()) {
            return;
        }
        if (!rate.tryTake()) {
            long n = limited.incrementAndGet();
            long now = clock.millis();
            if (lastWarning < 0 || now - lastWarning >= 60_000) {
                lastWarning = now;
                LOG.warning("MQTT questions beyond mqtt.agent_max_per_minute (" + settings.maxPerMinute()
                        + ") are dropped; " + n + " dropped so far, the latest on " + m.topic());
            }
            return;
        }
        asked.incrementAndGet();
        String session = sessionId(m.topic());
        String question = question(m);
        answering.add(session);
        ChatEvent last;
        try {
            last = chat.ask(session, question, e -> {});
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the agent failed on an MQTT message on " + m.topic(), e);
            return;
        } finally {
            answering.remove(session);
        }
        if (last.kind().equals("queued")) {
            queuedTopics.put(session, m.topic());
        } else {
            publishAnswer(m.topic(), session, m.payload(), last);
        }
    }

    /** A question the LLM's absence queued is answered later, on the chat service's own thread. */
    private void queuedAnswer(NodeEvent event) {
        if (!(event instanceof NodeEvent.ChatStreamEvent c)) {
            return;
        }
        ChatEvent e = c.data();
        if (!e.sessionId().startsWith(SESSION_PREFIX)
                || !(e.kind().equals("done") || e.kind().equals("error"))
                || answering.contains(e.sessionId())) {
            return;
        }
        String topic = queuedTopics.remove(e.sessionId());
        if (topic != null) {
            publishAnswer(topic, e.sessionId(), null, e);
        }
    }

    private void publishAnswer(
            String topic, String session, @org.jspecify.annotations.Nullable String question, ChatEvent last) {
        if (!settings.publishAnswers() || closed) {
            return;
        }
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("type", "answer");
        o.put("node", mqtt.settings().node());
        o.put("topic", topic);
        o.put("sessionId", session);
        if (question != null) {
            o.put(
                    "question",
                    question.length() > MAX_PAYLOAD_CHARS ? question.substring(0, MAX_PAYLOAD_CHARS) : question);
        }
        o.put("outcome", last.kind());
        o.put("answer", last.text() == null ? "" : last.text());
        if (last.code() != null) {
            o.put("code", last.code());
        }
        o.put("ts", clock.instant().toString());
        try {
            mqtt.publish(mqtt.settings().eventsTopic(), o.toString());
        } catch (RuntimeException ex) {
            LOG.log(Level.WARNING, "publishing the answer to " + topic + " failed", ex);
        }
    }

    /** Counts for {@code /api/health}: questions asked from MQTT, and dropped by the rate limit. */
    public Map<String, Long> counts() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("mqttQuestions", asked.get());
        m.put("mqttQuestionsLimited", limited.get());
        return m;
    }

    @Override
    public void close() {
        closed = true;
        busSubscription.close();
    }
}
