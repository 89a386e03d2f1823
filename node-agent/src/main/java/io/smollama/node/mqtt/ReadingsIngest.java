package io.smollama.node.mqtt;

import io.smollama.common.Reading;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Turns edge payloads received on {@code <prefix>/<node>/readings} into readings of that node (see
 * {@link EdgePayload}) and hands them to the reading writer, so they are stored, pushed over {@code /ws} and
 * served by {@code /api/readings} like local ones. This node's own topic is ignored; a payload that does not
 * parse is refused whole, and logged at most once a minute per sender.
 */
final class ReadingsIngest {

    private static final Logger LOG = Logger.getLogger(ReadingsIngest.class.getName());

    private final String self;
    private final String prefix;
    private final Consumer<Reading> sink;
    private final Clock clock;
    private final SenderWarnings warnings;
    private final AtomicLong ingested = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    ReadingsIngest(String self, String prefix, Consumer<Reading> sink, Clock clock) {
        this.self = self;
        this.prefix = prefix;
        this.sink = sink;
        this.clock = clock;
        this.warnings = new SenderWarnings(LOG, clock, Duration.ofMinutes(1));
    }

    /** Handles one message on a topic matching {@code <prefix>/+/readings}. */
    void accept(String topic, byte[] payload) {
        String node = topic.substring(prefix.length() + 1, topic.length() - "/readings".length());
        if (node.equals(self)) {
            return;
        }
        List<Reading> readings;
        try {
            readings = EdgePayload.parse(node, payload, clock.instant());
        } catch (EdgePayload.InvalidPayloadException e) {
            refused.incrementAndGet();
            warnings.warn(
                    node, "refused an MQTT readings payload from '" + node + "' on " + topic + ": " + e.getMessage());
            return;
        }
        for (Reading r : readings) {
            sink.accept(r);
        }
        ingested.addAndGet(readings.size());
    }

    long ingested() {
        return ingested.get();
    }

    long refused() {
        return refused.get();
    }
}
