package io.smollama.node.events;

import io.smollama.common.NodeEvent;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * In-process publish/subscribe for live node events. Subscribers must not block (hand work to
 * their own queue); one that throws is logged and stays subscribed, and never stops delivery to
 * the others.
 */
public final class EventBus {

    private static final Logger LOG = Logger.getLogger(EventBus.class.getName());

    private final CopyOnWriteArrayList<Consumer<NodeEvent>> subscribers = new CopyOnWriteArrayList<>();

    /** A subscription: closing it stops the deliveries (and throws nothing). */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    public Subscription subscribe(Consumer<NodeEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public void publish(NodeEvent event) {
        for (Consumer<NodeEvent> s : subscribers) {
            try {
                s.accept(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "event subscriber failed on a " + event.type() + " event", e);
            }
        }
    }

    public int subscriberCount() {
        return subscribers.size();
    }
}
