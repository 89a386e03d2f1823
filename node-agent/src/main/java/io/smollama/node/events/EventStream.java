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
import java.util.Map;
import java.util.Optional;
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
 * session has its own bounded queue, so one slow client never holds up the node or other clients;
 * when its queue is full the oldest events are dropped. Pings every 20 s keep idle connections open.
 */
public final class EventStream implements WsListener, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EventStream.class.getName());
    static final int QUEUE_CAPACITY = 2048;

    private final TokenAuth auth;
    private final AutoCloseable busRegistration;
    private final Map<WsSession, Subscriber> sessions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ws-heartbeat");
        t.setDaemon(true);
        return t;
    });

    public EventStream(EventBus bus, TokenAuth auth) {
        this.auth = auth;
        this.busRegistration = bus.subscribe(this::fanOut);
        heartbeat.scheduleAtFixedRate(this::ping, 20, 20, TimeUnit.SECONDS);
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
        sessions.put(session, subscriber);
        Thread.ofVirtual().name("ws-sender").start(() -> {
            subscriber.drain();
            remove(session);
        });
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        Subscriber subscriber = sessions.get(session);
        if (subscriber == null) {
            return;
        }
        try {
            JsonNode msg = Json.mapper().readTree(text);
            if (msg != null && "subscribe".equals(msg.path("type").asText())) {
                subscriber.filter(msg.path("sources"));
            } else {
                subscriber.sendNotice("unknown message: expected {\"type\":\"subscribe\",\"sources\":[...]}");
            }
        } catch (JsonProcessingException e) {
            subscriber.sendNotice("malformed JSON message: " + e.getOriginalMessage());
        }
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        remove(session);
    }

    @Override
    public void onError(WsSession session, Throwable t) {
        LOG.log(Level.FINE, "WebSocket session failed", t);
        remove(session);
    }

    public int clientCount() {
        return sessions.size();
    }

    private void remove(WsSession session) {
        Subscriber s = sessions.remove(session);
        if (s != null) {
            s.stop();
        }
    }

    private void ping() {
        for (WsSession session : sessions.keySet()) {
            try {
                synchronized (session) {
                    session.ping(BufferData.empty());
                }
            } catch (RuntimeException e) {
                remove(session);
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
        for (WsSession session : sessions.keySet()) {
            try {
                synchronized (session) {
                    session.close(1001, "node shutting down");
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "closing a WebSocket session failed", e);
            }
            remove(session);
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
