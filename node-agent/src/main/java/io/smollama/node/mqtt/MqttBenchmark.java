package io.smollama.node.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import io.smollama.common.Reading;
import io.smollama.node.config.NodeConfig;
import io.smollama.node.store.Database;
import io.smollama.node.store.ReadingLog;
import io.smollama.node.store.ReadingWriter;
import io.smollama.node.store.StoreSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * {@code bench mqtt}: edge messages per second ingested end to end. A hub (embedded broker, MQTT ingest, reading
 * writer, SQLite in {@code dir}) receives reference edge payloads that {@code edges} plain MQTT 3.1.1 clients
 * publish at QoS 1 as fast as the broker acknowledges them; the clock runs from the first publish until the
 * last of their readings is committed to SQLite.
 */
public final class MqttBenchmark {

    /**
     * @param dir an empty directory for the hub's database and broker data
     * @param edges publishing clients
     * @param messagesPerEdge messages each client publishes
     * @param readingsPerMessage readings in each message
     */
    public record Options(Path dir, int edges, int messagesPerEdge, int readingsPerMessage) {
        public Options {
            if (edges < 1 || messagesPerEdge < 1 || readingsPerMessage < 1) {
                throw new IllegalArgumentException("benchmark counts must be positive");
            }
        }
    }

    private static final int IN_FLIGHT = 32;
    private final Options options;

    public MqttBenchmark(Options options) {
        this.options = options;
    }

    /** Runs the benchmark and prints one {@code name: value unit} line per figure. */
    public void run(PrintStream out) throws Exception {
        Clock clock = Clock.systemUTC();
        MqttSettings hubSettings = new MqttSettings(
                "bench-hub",
                NodeConfig.Role.HUB,
                Optional.empty(),
                0,
                true,
                "127.0.0.1",
                options.dir().resolve("broker"),
                "smollama",
                false,
                Optional.empty(),
                Optional.empty(),
                "smollama-bench-hub",
                List.of(),
                Duration.ofSeconds(10),
                List.of(),
                100_000);
        long total = (long) options.edges() * options.messagesPerEdge() * options.readingsPerMessage();
        try (Database db = Database.open(options.dir());
                ReadingWriter writer =
                        ReadingWriter.start(new ReadingLog(db, clock), StoreSettings.defaults(options.dir()), clock)) {
            long brokerStart = System.nanoTime();
            try (MqttService hub = MqttService.start(hubSettings, db, writer::submit, clock)) {
                long brokerMillis = (System.nanoTime() - brokerStart) / 1_000_000;
                awaitConnected(hub);
                List<Mqtt3AsyncClient> clients = new ArrayList<>();
                for (int e = 0; e < options.edges(); e++) {
                    Mqtt3AsyncClient c = MqttClient.builder()
                            .useMqttVersion3()
                            .identifier("bench-edge-" + e)
                            .serverHost("127.0.0.1")
                            .serverPort(hub.brokerPort())
                            .buildAsync();
                    c.connect().get();
                    clients.add(c);
                }
                List<List<byte[]>> payloads = payloads(clock.instant());
                long start = System.nanoTime();
                List<Thread> publishers = new ArrayList<>();
                for (int e = 0; e < clients.size(); e++) {
                    Mqtt3AsyncClient c = clients.get(e);
                    List<byte[]> mine = payloads.get(e);
                    String topic = "smollama/bench-edge-" + e + "/readings";
                    publishers.add(Thread.ofPlatform().start(() -> publishAll(c, topic, mine)));
                }
                for (Thread t : publishers) {
                    t.join();
                }
                long published = System.nanoTime() - start;
                while (writer.status().committed() < total) {
                    if (System.nanoTime() - start > Duration.ofMinutes(10).toNanos()) {
                        throw new IllegalStateException(
                                "only " + writer.status().committed() + " of " + total
                                        + " readings arrived within 10 minutes; refused " + hub.counts());
                    }
                    Thread.sleep(5);
                }
                long nanos = System.nanoTime() - start;
                for (Mqtt3AsyncClient c : clients) {
                    c.disconnect().get();
                }
                long messages = (long) options.edges() * options.messagesPerEdge();
                out.println("mqtt.broker_start: " + brokerMillis + " ms");
                out.println("mqtt.edges: " + options.edges() + " clients");
                out.println("mqtt.messages: " + messages + " messages");
                out.println("mqtt.readings_per_message: " + options.readingsPerMessage() + " readings");
                out.println("mqtt.publish_rate: " + rate(messages, published) + " messages/s");
                out.println("mqtt.ingest_rate: " + rate(messages, nanos) + " messages/s");
                out.println("mqtt.ingest_readings_rate: " + rate(total, nanos) + " readings/s");
                out.println("mqtt.ingested: " + writer.status().committed() + " readings");
            }
        }
    }

    private List<List<byte[]>> payloads(Instant base) {
        List<List<byte[]>> all = new ArrayList<>();
        for (int e = 0; e < options.edges(); e++) {
            String node = "bench-edge-" + e;
            List<byte[]> list = new ArrayList<>(options.messagesPerEdge());
            for (int m = 0; m < options.messagesPerEdge(); m++) {
                Instant t = base.plusMillis(m);
                List<Reading> readings = new ArrayList<>(options.readingsPerMessage());
                for (int r = 0; r < options.readingsPerMessage(); r++) {
                    readings.add(Reading.numeric(node, "sim", "s" + r, m + r * 0.5, "u", t, Map.of()));
                }
                list.add(EdgePayload.format(node, t, readings));
            }
            all.add(list);
        }
        return all;
    }

    private static void publishAll(Mqtt3AsyncClient c, String topic, List<byte[]> payloads) {
        Semaphore window = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (byte[] p : payloads) {
            window.acquireUninterruptibly();
            sent.add(c.publishWith()
                    .topic(topic)
                    .payload(p)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send()
                    .whenComplete((ack, ex) -> window.release()));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    }

    private static void awaitConnected(MqttService hub) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!hub.health().get("mqtt").detail().startsWith("connected")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the hub did not connect to its embedded broker: " + hub.health());
            }
            Thread.sleep(10);
        }
        Thread.sleep(200); // the subscription to <prefix>/+/readings is sent right after CONNACK
    }

    private static long rate(long count, long nanos) {
        return Math.round(count / (nanos / 1e9));
    }
}
