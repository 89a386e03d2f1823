package io.smollama.node.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.websocket.WsSession;
import io.smollama.common.Json;
import io.smollama.common.NodeEvent;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/** One WebSocket client: its source filter, its bounded queue, and the thread that sends from it. */
final class Subscriber {

    private static final Logger LOG = Logger.getLogger(Subscriber.class.getName());
    private static final String STOP = "\u0000stop";

    private final WsSession session;
    private final BlockingQueue<String> queue;
    private final AtomicLong dropped = new AtomicLong();
    private volatile Set<String> sources = Set.of();

    Subscriber(WsSession session, int capacity) {
        this.session = session;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Queues an event (already encoded as {@code json}) unless this client's filter excludes it. */
    void offer(NodeEvent event, String json) {
        if (event instanceof NodeEvent.ReadingEvent r) {
            Set<String> wanted = sources;
            if (!wanted.isEmpty() && !wanted.contains(r.data().source())) {
                return;
            }
        }
        enqueue(json);
    }

    void filter(JsonNode list) {
        if (!list.isArray()) {
            sendNotice("'sources' must be a list of source ids like system:load_1m");
            return;
        }
        java.util.HashSet<String> wanted = new java.util.HashSet<>();
        list.forEach(n -> wanted.add(n.asText()));
        sources = Set.copyOf(wanted);
        sendNotice(wanted.isEmpty() ? "subscribed to all sources" : "subscribed to " + wanted.size() + " sources");
    }

    void sendNotice(String message) {
        try {
            enqueue(Json.mapper().writeValueAsString(Map.of("type", "notice", "data", Map.of("message", message))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void enqueue(String text) {
        while (!queue.offer(text)) {
            if (queue.poll() != null) {
                dropped.incrementAndGet();
            }
        }
    }

    void drain() {
        try {
            while (true) {
                String next = queue.take();
                if (next == STOP) {
                    return;
                }
                synchronized (session) {
                    session.send(next, true);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "WebSocket send failed; the client has gone", e);
        }
    }

    void stop() {
        queue.clear();
        queue.offer(STOP);
    }

    long dropped() {
        return dropped.get();
    }
}
