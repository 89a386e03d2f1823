package io.smollama.node.mqtt;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands messages on {@code mqtt.agent_topics} to the agent's listeners on one dedicated thread, so a slow
 * agent never stalls the MQTT client. At most {@link #QUEUE} messages wait; beyond that new ones are dropped
 * and counted (an agent that cannot keep up should not build an ever-longer backlog of stale questions).
 */
final class AgentTrigger implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AgentTrigger.class.getName());
    static final int QUEUE = 100;

    private final List<TopicFilter> filters;
    private final List<Consumer<MqttMessage>> listeners;
    private final ThreadPoolExecutor executor;
    private final AtomicLong dropped = new AtomicLong();

    AgentTrigger(MqttSettings settings, List<Consumer<MqttMessage>> listeners) {
        this.filters = settings.agentTopics();
        this.listeners = listeners;
        this.executor = new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE),
                r -> Thread.ofPlatform().daemon().name("mqtt-agent").unstarted(r),
                (r, ex) -> {
                    if (dropped.incrementAndGet() % 100 == 1) {
                        LOG.warning("the agent is not keeping up with MQTT messages; " + dropped.get() + " dropped");
                    }
                });
    }

    /** Messages dropped because the queue was full. */
    long dropped() {
        return dropped.get();
    }

    /** Passes {@code m} to the listeners when its topic matches an agent filter. */
    void offer(MqttMessage m) {
        if (filters.stream().noneMatch(f -> f.matches(m.topic())) || listeners.isEmpty() || executor.isShutdown()) {
            return;
        }
        executor.execute(() -> {
            for (Consumer<MqttMessage> l : listeners) {
                try {
                    l.accept(m);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "an MQTT agent listener failed on " + m.topic(), e);
                }
            }
        });
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
