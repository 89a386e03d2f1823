package io.smollama.node.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.smollama.common.ComponentHealth;
import io.smollama.common.Reading;
import io.smollama.node.config.NodeConfig;
import io.smollama.node.store.Database;
import io.smollama.node.testsupport.RawClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Interop with a real Mosquitto (Debian package {@code mosquitto}); skipped when it is not installed. */
class MosquittoInteropIT {

    private static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");

    @TempDir
    Path dir;

    private Process mosquitto;
    private int port;

    @BeforeEach
    void startMosquitto() throws Exception {
        assumeTrue(
                Files.isExecutable(MOSQUITTO),
                "Mosquitto is not installed (" + MOSQUITTO
                        + "); apt-get install -y mosquitto to run this interop test");
        port = TcpProxy.freePort();
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, """
                listener %d 127.0.0.1
                allow_anonymous true
                persistence false
                """.formatted(port));
        mosquitto = new ProcessBuilder(MOSQUITTO.toString(), "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline || !mosquitto.isAlive()) {
                    throw new AssertionError("mosquitto did not listen on " + port + ": "
                            + Files.readString(dir.resolve("mosquitto.log")));
                }
                Thread.sleep(50);
            }
        }
    }

    @AfterEach
    void stopMosquitto() throws InterruptedException {
        if (mosquitto != null) {
            mosquitto.destroy();
            mosquitto.waitFor();
        }
    }

    @Test
    void aNodeIngestsEdgeReadingsPublishesAndKeepsItsRetainedStatusThroughMosquitto() throws Exception {
        List<Reading> ingested = new CopyOnWriteArrayList<>();
        try (Database db = Database.open(dir.resolve("db"));
                MqttService node = MqttService.start(
                        MqttClientIT.settings(
                                "node-1", NodeConfig.Role.NODE, port, List.of("cmd/#"), Duration.ofSeconds(10)),
                        db,
                        ingested::add,
                        Clock.systemUTC(),
                        new Backoff(Duration.ofMillis(50), Duration.ofMillis(500), new Random(3)));
                RawClient device = new RawClient("device", port)) {
            List<MqttMessage> toAgent = new CopyOnWriteArrayList<>();
            node.addAgentListener(toAgent::add);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (node.health().get("mqtt").status() != ComponentHealth.Status.UP) {
                assertThat(System.nanoTime()).as("connected to mosquitto").isLessThan(deadline);
                Thread.sleep(20);
            }
            device.subscribe("smollama/node-1/#");
            assertThat(device.next("smollama/node-1/status").payload()).isEqualTo("online");

            node.publish("smollama/node-1/events", "{\"hello\":1}", 1, false);
            assertThat(device.next("smollama/node-1/events").payload()).isEqualTo("{\"hello\":1}");

            device.publish("smollama/edge-7/readings", """
                    {"node":"edge-7","timestamp":1767268800,"readings":[{"source":"dht22:temp","value":21.5,"unit":"°C","ts":1767268800}]}""");
            device.publish("cmd/light", "on");
            while (ingested.isEmpty() || toAgent.isEmpty()) {
                assertThat(System.nanoTime()).as("ingested and triggered").isLessThan(deadline + 5_000_000_000L);
                Thread.sleep(20);
            }
            assertThat(ingested.getFirst().source()).isEqualTo("dht22:edge-7/temp");
            assertThat(ingested.getFirst().value()).isEqualTo(21.5);
            assertThat(toAgent).extracting(MqttMessage::payload).containsExactly("on");
        }
        try (RawClient late = new RawClient("late", port).subscribe("smollama/node-1/status")) {
            MqttMessage m = late.next();
            assertThat(m.payload()).isEqualTo("offline");
            assertThat(m.retained()).isTrue();
        }
    }
}
