package io.smollama.node.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.common.buffers.BufferData;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.helidon.websocket.WsUpgradeException;
import io.smollama.common.Json;
import io.smollama.common.NodeEvent;
import io.smollama.node.http.TokenAuth;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code /ws} endpoint: pushes every bus event as {@code {"type","node","data"}} JSON to each
 * connected client. A client may narrow reading events with
 * {@code {"type":"subscribe","sources":["system:load_1m", ...]}} (an empty list means all). Each
 * client has its own bounded queue and sending thread (see {@link Subscriber}), so a slow client
 * never holds up the node or other clients; one that stops reading for 30 s is disconnected.
 * Pings every 20 s keep idle connections open, and client pings are answered.
 */
public final class EventStream implements WsListener, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EventStream.class.getName());
    static final int QUEUE_CAPACITY = 2048;
    static final long STALL_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final String node;
    private final TokenAuth auth;
    private final AutoCloseable busRegistration;
    private final Map<WsSession, Subscriber> sessions = new ConcurrentHashMap<>();
    /** Orders a client's registration against {@link #close}, so no client opening meanwhile misses the goodbye. */
    private final Object openClose = new Object();

    private boolean closing;
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ws-heartbeat");
        t.setDaemon(true);
        return t;
    });

    public EventStream(String node, EventBus bus, TokenAuth auth) {
        this.node = node;
        this.auth = auth;
        this.busRegistration = bus.subscribe(this::fanOut);
        heartbeat.scheduleWithFixedDelay(this::heartbeat, 20, 20, TimeUnit.SECONDS);
    }

    /** Encodes each event once and hands it to every client whose filter wants it. */
    private void fanOut(NodeEvent event) {
        if (sessions.isEmpty()) {
            return;
        }
        String json = encode(event);
        for (Subscriber s : sessions.values()) {
            s.offer(event, json);
        }
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) throws WsUpgradeException {
        if (auth.openReads()) {
            return Optional.empty();
        }
        Optional<String> bearer = headers.first(HeaderNames.AUTHORIZATION)
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).trim());
        if (bearer.isEmpty()) {
            // browsers cannot set headers on a WebSocket: they may pass the token as a query parameter
            bearer = prologue.query().first("token").asOptional();
        }
        if (!auth.accepts(bearer)) {
            throw new WsUpgradeException("this node needs its API token to stream events");
        }
        return Optional.empty();
    }

    @Override
    public void onOpen(WsSession session) {
        Subscriber subscriber = new Subscriber(session, QUEUE_CAPACITY);
        synchronized (openClose) {
            if (closing) {
                // the node began shutting down between this client's handshake and now: goodbye at once
                // (otherwise it would miss the goodbye and see the connection cut when the server stops)
                session.close(1001, "node shutting down");
                return;
            }
            sessions.put(session, subscriber);
        }
        subscriber.startSending(() -> sessions.remove(session));
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        Subscriber subscriber = sessions.get(session);
        if (subscriber == null) {
            return;
        }
        String message = subscriber.assemble(text, last);
        if (message == null) {
            return;
        }
        try {
            JsonNode msg = Json.mapper().readTree(message);
            if (msg != null && "subscribe".equals(msg.path("type").asText())) {
                JsonNode list = msg.path("sources");
                if (!list.isArray()) {
                    subscriber.sendText(notice("'sources' must be a list of source ids like system:load_1m"));
                    return;
                }
                Set<String> wanted = new HashSet<>();
                list.forEach(n -> wanted.add(n.asText()));
                subscriber.sources(wanted);
                subscriber.sendText(notice(
                        wanted.isEmpty()
                                ? "subscribed to all sources"
                                : "subscribed to " + wanted.size() + " sources"));
            } else {
                subscriber.sendText(notice("unknown message: expected {\"type\":\"subscribe\",\"sources\":[...]}"));
            }
        } catch (JsonProcessingException e) {
            subscriber.sendText(notice("malformed JSON message: " + e.getOriginalMessage()));
        }
    }

    @Override
    public void onPing(WsSession session, BufferData payload) {
        Subscriber subscriber = sessions.get(session);
        if (subscriber != null) {
            subscriber.pong(payload);
        }
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        Subscriber s = sessions.remove(session);
        if (s != null) {
            s.stop();
        }
    }

    @Override
    public void onError(WsSession session, Throwable t) {
        LOG.log(Level.FINE, "WebSocket session failed", t);
        onClose(session, 1011, "error");
    }

    public int clientCount() {
        return sessions.size();
    }

    private void heartbeat() {
        for (var e : sessions.entrySet()) {
            Subscriber s = e.getValue();
            if (s.stalled(STALL_LIMIT_NANOS)) {
                LOG.info("disconnecting a WebSocket client that stopped reading for 30 s");
                sessions.remove(e.getKey());
                s.terminate();
            } else {
                s.ping();
            }
        }
    }

    @Override
    public void close() {
        try {
            busRegistration.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "unsubscribing the event stream failed", e);
        }
        heartbeat.shutdownNow();
        java.util.List<Subscriber> leaving;
        synchronized (openClose) {
            closing = true;
            leaving = java.util.List.copyOf(sessions.values());
            sessions.clear();
        }
        for (Subscriber s : leaving) {
            s.close(1001, "node shutting down");
        }
        // give the senders a moment to put the closing frames on the wire before the server stops
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        try {
            for (Subscriber s : leaving) {
                s.awaitSent(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Subscriber s : leaving) {
            s.terminate();
        }
    }

    private String notice(String message) {
        try {
            return Json.mapper()
                    .writeValueAsString(Map.of("type", "notice", "node", node, "data", Map.of("message", message)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String encode(NodeEvent event) {
        try {
            return Json.mapper().writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event of type " + event.type() + " cannot be encoded", e);
        }
    }
}
