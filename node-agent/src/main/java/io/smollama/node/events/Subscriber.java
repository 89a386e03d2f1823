package io.smollama.node.events;

import io.helidon.common.buffers.BufferData;
import io.helidon.websocket.WsSession;
import io.smollama.common.NodeEvent;
import java.util.Set;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * One WebSocket client: its source filter, its bounded outgoing queue, and the one virtual thread
 * that writes to its session. Everything sent to the client (events, notices, pings, pongs, the
 * closing frame) goes through the queue, so frames never interleave and no lock is held while a
 * socket write blocks. When the queue is full the oldest item is dropped and counted.
 */
final class Subscriber {

    private static final Logger LOG = Logger.getLogger(Subscriber.class.getName());

    /** Something to send. */
    private sealed interface Outgoing {}

    private record Text(String json) implements Outgoing {}

    private record Ping() implements Outgoing {}

    private record Pong(byte[] payload) implements Outgoing {}

    private record Close(int code, String reason) implements Outgoing {}

    private final WsSession session;
    private final int capacity;
    private final BlockingDeque<Outgoing> queue = new LinkedBlockingDeque<>();
    private final AtomicLong dropped = new AtomicLong();
    private final StringBuilder partial = new StringBuilder();
    private volatile Set<String> sources = Set.of();
    private volatile long sendingSince;
    private volatile boolean stopped;
    private volatile @Nullable Thread sender;

    Subscriber(WsSession session, int capacity) {
        this.session = session;
        this.capacity = capacity;
    }

    /** Queues an event (already encoded as {@code json}) unless this client's filter excludes it. */
    void offer(NodeEvent event, String json) {
        if (event instanceof NodeEvent.ReadingEvent r) {
            Set<String> wanted = sources;
            if (!wanted.isEmpty() && !wanted.contains(r.data().source())) {
                return;
            }
        }
        enqueue(new Text(json));
    }

    void sendText(String json) {
        enqueue(new Text(json));
    }

    void ping() {
        enqueue(new Ping());
    }

    void pong(BufferData payload) {
        byte[] bytes = new byte[payload.available()];
        payload.read(bytes);
        enqueue(new Pong(bytes));
    }

    /**
     * Says goodbye: the close frame goes next, ahead of events still queued (a leaving client resumes
     * from the REST API), so it is on the wire before the server stops.
     */
    synchronized void close(int code, String reason) {
        if (stopped) {
            return;
        }
        queue.clear();
        queue.offerLast(new Close(code, reason));
    }

    void sources(Set<String> wanted) {
        sources = Set.copyOf(wanted);
    }

    /**
     * Adds a text fragment; returns the whole message once the last fragment has arrived, else
     * null. Called only from the session's reading thread.
     */
    String assemble(String fragment, boolean last) {
        partial.append(fragment);
        if (!last) {
            return null;
        }
        String whole = partial.toString();
        partial.setLength(0);
        return whole;
    }

    private synchronized void enqueue(Outgoing item) {
        if (stopped) {
            return;
        }
        while (queue.size() >= capacity) {
            if (queue.pollFirst() != null) {
                dropped.incrementAndGet();
            }
        }
        queue.offerLast(item);
    }

    /** The sending loop; returns when the client has gone, a close was sent, or {@link #stop} was called. */
    void drain() {
        try {
            while (!stopped) {
                Outgoing next = queue.pollFirst(1, TimeUnit.SECONDS);
                if (next == null) {
                    continue;
                }
                sendingSince = System.nanoTime();
                try {
                    switch (next) {
                        case Text t -> session.send(t.json(), true);
                        case Ping p -> session.ping(BufferData.empty());
                        case Pong p -> session.pong(BufferData.create(p.payload()));
                        case Close c -> {
                            session.close(c.code(), c.reason());
                            return;
                        }
                    }
                } finally {
                    sendingSince = 0;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "WebSocket send failed; the client has gone", e);
        } finally {
            stopped = true;
            queue.clear();
        }
    }

    /** True when one send has been blocked for longer than {@code limitNanos}: the client stopped reading. */
    boolean stalled(long limitNanos) {
        long since = sendingSince;
        return since != 0 && System.nanoTime() - since > limitNanos;
    }

    /**
     * Drops a client that stopped reading. Only the sending thread ever writes to the session, so
     * this interrupts it: a virtual thread interrupted in a socket write closes the socket, the
     * blocked send fails and the client's connection ends.
     */
    void terminate() {
        stopped = true;
        Thread t = sender;
        if (t != null) {
            t.interrupt();
        }
    }

    /** Starts the sending thread; {@code then} runs when it ends. */
    void startSending(Runnable then) {
        sender = Thread.ofVirtual().name("ws-sender").start(() -> {
            try {
                drain();
            } finally {
                then.run();
            }
        });
    }

    /** Waits up to {@code millis} for the sending thread to end (after a queued close, say). */
    void awaitSent(long millis) throws InterruptedException {
        Thread t = sender;
        if (t != null && millis > 0) {
            t.join(millis);
        }
    }

    void stop() {
        stopped = true;
    }

    long dropped() {
        return dropped.get();
    }
}
