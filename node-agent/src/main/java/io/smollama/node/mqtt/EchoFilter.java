package io.smollama.node.mqtt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;

/**
 * Recognises this node's own messages coming back from the broker (MQTT 3.1.1 has no "no local" option): a
 * received message is an echo when this node published the same topic and payload within {@code ttl}. Each
 * publish matches one received copy. Keeps at most {@code capacity} recent publishes.
 */
final class EchoFilter {

    private record Sent(String topic, int payloadHash, byte[] payload, Instant at) {}

    private final Clock clock;
    private final Duration ttl;
    private final int capacity;
    private final Deque<Sent> sent = new ArrayDeque<>();

    EchoFilter(Clock clock, Duration ttl, int capacity) {
        this.clock = clock;
        this.ttl = ttl;
        this.capacity = capacity;
    }

    synchronized void published(String topic, byte[] payload) {
        expire();
        sent.addLast(new Sent(topic, Arrays.hashCode(payload), payload.clone(), clock.instant()));
        while (sent.size() > capacity) {
            sent.removeFirst();
        }
    }

    /** Whether {@code topic}/{@code payload} is the echo of one of this node's publishes (which it then consumes). */
    synchronized boolean isEcho(String topic, byte[] payload) {
        expire();
        int hash = Arrays.hashCode(payload);
        for (Iterator<Sent> it = sent.iterator(); it.hasNext(); ) {
            Sent s = it.next();
            if (s.payloadHash() == hash && s.topic().equals(topic) && Arrays.equals(s.payload(), payload)) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    private void expire() {
        Instant oldest = clock.instant().minus(ttl);
        while (!sent.isEmpty() && sent.peekFirst().at().isBefore(oldest)) {
            sent.removeFirst();
        }
    }
}
