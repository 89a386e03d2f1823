package io.smollama.node.mqtt;

import io.smollama.common.Reading;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code edge} role: every {@code mqtt.publish_interval} it publishes the readings committed since the last
 * time as one {@link EdgePayload} on {@code <prefix>/<node>/readings} (skipping empty intervals). The readings
 * waiting are bounded; beyond {@link #MAX_PENDING} the oldest are dropped.
 */
final class EdgePublisher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EdgePublisher.class.getName());
    static final int MAX_PENDING = 10_000;
    static final int MAX_PER_MESSAGE = 1_000;

    /** Where a payload goes: topic, payload, qos, retain. */
    interface Sink {
        boolean publish(String topic, byte[] payload, int qos, boolean retain);
    }

    private final MqttSettings settings;
    private final Clock clock;
    private final Sink sink;
    private final Deque<Reading> pending = new ArrayDeque<>();
    private final ScheduledExecutorService timer;

    EdgePublisher(MqttSettings settings, Clock clock, Sink sink) {
        this.settings = settings;
        this.clock = clock;
        this.sink = sink;
        this.timer = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("mqtt-edge").unstarted(r));
    }

    void start() {
        long period = settings.publishInterval().toMillis();
        timer.scheduleAtFixedRate(this::publishSafely, period, period, TimeUnit.MILLISECONDS);
    }

    synchronized void offer(List<Reading> readings) {
        pending.addAll(readings);
        while (pending.size() > MAX_PENDING) {
            pending.removeFirst();
        }
    }

    private void publishSafely() {
        try {
            publishPending();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "publishing edge readings failed", e);
        }
    }

    /** Publishes what is pending now, in messages of at most {@link #MAX_PER_MESSAGE} readings. */
    void publishPending() {
        String topic = settings.readingsTopic();
        while (true) {
            List<Reading> chunk = new ArrayList<>();
            synchronized (this) {
                while (!pending.isEmpty() && chunk.size() < MAX_PER_MESSAGE) {
                    chunk.add(pending.removeFirst());
                }
            }
            if (chunk.isEmpty()) {
                return;
            }
            sink.publish(
                    topic, EdgePayload.format(settings.node(), clock.instant(), chunk), settings.qosFor(topic), false);
        }
    }

    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
