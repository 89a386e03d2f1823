package io.smollama.node.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Drains the {@link Outbox} through the {@link MqttLink} on one thread: while connected it sends the oldest
 * messages, a window at a time (in id order on one connection, so they arrive in order), and removes each
 * message once the broker acknowledged it. When the connection is lost mid-window, what was not acknowledged
 * stays and is sent again, in order, after the next connect.
 */
final class OutboxSender implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboxSender.class.getName());
    static final int WINDOW = 64;
    private static final long ACK_TIMEOUT_SECONDS = 30;
    private static final long IDLE_WAIT_MILLIS = 1000;

    private final Outbox outbox;
    private final Supplier<@Nullable MqttLink> link;
    private final Thread thread;
    private final Object signal = new Object();
    private final AtomicLong delivered = new AtomicLong();
    private volatile boolean closed;
    private boolean pending;

    /** {@code link} gives the current link (none while a node waits for a hub's broker; a new one when it moves). */
    OutboxSender(Outbox outbox, Supplier<@Nullable MqttLink> link) {
        this.outbox = outbox;
        this.link = link;
        this.thread = Thread.ofPlatform().daemon().name("mqtt-outbox").unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Something was queued or the link connected: look at the outbox now. */
    void wake() {
        synchronized (signal) {
            pending = true;
            signal.notifyAll();
        }
    }

    long delivered() {
        return delivered.get();
    }

    private void run() {
        while (!closed) {
            try {
                MqttLink l = link.get();
                if (l == null || !l.isConnected() || !sendWindow(l)) {
                    await();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "sending the MQTT outbox failed; retrying", e);
                try {
                    Thread.sleep(IDLE_WAIT_MILLIS);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** Sends one window; returns whether it sent everything it took (so there may be more to send now). */
    private boolean sendWindow(MqttLink link) throws InterruptedException {
        List<Outbox.Entry> window = outbox.next(0, WINDOW);
        if (window.isEmpty()) {
            return false;
        }
        List<CompletableFuture<?>> sent = new ArrayList<>(window.size());
        for (Outbox.Entry e : window) {
            sent.add(link.publish(e.topic(), e.payload(), e.qos(), e.retain()));
        }
        List<Long> acked = new ArrayList<>(window.size());
        boolean complete = true;
        for (int i = 0; i < window.size(); i++) {
            try {
                sent.get(i).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                acked.add(window.get(i).id());
            } catch (ExecutionException | TimeoutException e) {
                complete = false;
            }
        }
        outbox.remove(acked);
        delivered.addAndGet(acked.size());
        return complete;
    }

    private void await() throws InterruptedException {
        synchronized (signal) {
            if (!pending) {
                signal.wait(IDLE_WAIT_MILLIS);
            }
            pending = false;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
