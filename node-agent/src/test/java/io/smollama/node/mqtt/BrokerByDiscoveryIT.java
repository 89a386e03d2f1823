package io.smollama.node.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.common.ComponentHealth;
import io.smollama.common.discovery.DiscoveredNode;
import io.smollama.node.config.NodeConfig;
import io.smollama.node.discovery.HubLocator;
import io.smollama.node.store.Database;
import io.smollama.node.testsupport.RawClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node with no {@code mqtt.host} uses the broker the hub announces, as its {@link HubLocator} reports it (fed
 * directly here; {@code DiscoveryAcrossNamespacesIT} covers real mDNS), and follows the hub when it moves.
 */
class BrokerByDiscoveryIT {

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T opened(T c) {
        open.add(c);
        return c;
    }

    private EmbeddedBroker broker(String name) {
        return opened(EmbeddedBroker.start("127.0.0.1", 0, dir.resolve(name), Optional.empty(), Optional.empty()));
    }

    private static MqttSettings discovering(String node, NodeConfig.Role role) {
        return new MqttSettings(
                node,
                role,
                Optional.empty(),
                1883,
                false,
                "127.0.0.1",
                Path.of("unused"),
                "smollama",
                false,
                Optional.empty(),
                Optional.empty(),
                "smollama-" + node,
                List.of(),
                Duration.ofSeconds(10),
                List.of(),
                100_000,
                true);
    }

    private static DiscoveredNode hub(String name, int httpPort, @Nullable Integer mqttPort) {
        return announced(name, "hub", httpPort, mqttPort);
    }

    private static DiscoveredNode announced(String name, String role, int httpPort, @Nullable Integer mqttPort) {
        return new DiscoveredNode(
                name,
                role,
                "1.0",
                URI.create("http://127.0.0.1:" + httpPort),
                "/api",
                "token",
                List.of("readings", "mqtt"),
                List.of("127.0.0.1"),
                httpPort,
                mqttPort,
                Instant.EPOCH,
                Instant.EPOCH);
    }

    private MqttService service(MqttSettings s) {
        return opened(MqttService.start(
                s,
                opened(Database.open(dir.resolve("db-" + s.node()))),
                r -> {},
                Clock.systemUTC(),
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), new Random(1))));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aNodeWaitsForAHubThenUsesItsBrokerAndDeliversWhatItQueuedMeanwhile() throws Exception {
        EmbeddedBroker a = broker("a");
        RawClient watcher = opened(new RawClient("watcher", a.port()).subscribe("smollama/n1/#"));
        HubLocator locator = new HubLocator("n1");
        MqttService node = service(discovering("n1", NodeConfig.Role.NODE));
        locator.onChange(node::followHub);

        assertThat(node.health().get("mqtt").status()).isEqualTo(ComponentHealth.Status.DISABLED);
        assertThat(node.health().get("mqtt").detail()).contains("waiting for a hub");
        assertThat(node.publish("smollama/n1/events", "before the hub")).isTrue();
        locator.added(announced("other", "node", 8081, 1999)); // not a hub: nothing changes
        locator.added(hub("broker-less", 8082, null)); // a hub without a broker: nothing to connect to
        assertThat(node.health().get("mqtt").status()).isEqualTo(ComponentHealth.Status.DISABLED);

        locator.removed(hub("broker-less", 8082, null));
        locator.added(hub("hub-1", 8080, a.port()));

        assertThat(watcher.next("smollama/n1/status").payload()).isEqualTo("online");
        assertThat(watcher.next("smollama/n1/events").payload()).isEqualTo("before the hub");
        await("connected", () -> node.health().get("mqtt").status() == ComponentHealth.Status.UP);
        assertThat(node.health().get("mqtt").detail()).contains("connected to 127.0.0.1:" + a.port());
    }

    @Test
    void theNodeFollowsTheHubsBrokerWhenTheHubMovesAndSaysOfflineWhereItLeft() throws Exception {
        EmbeddedBroker a = broker("a");
        EmbeddedBroker b = broker("b");
        RawClient onA = opened(new RawClient("on-a", a.port()).subscribe("smollama/edge-1/#"));
        RawClient onB = opened(new RawClient("on-b", b.port()).subscribe("smollama/edge-1/#"));
        HubLocator locator = new HubLocator("edge-1");
        MqttService edge = service(discovering("edge-1", NodeConfig.Role.EDGE));
        locator.onChange(edge::followHub);
        locator.added(hub("hub-1", 8080, a.port()));
        assertThat(onA.next("smollama/edge-1/status").payload()).isEqualTo("online");

        locator.updated(hub("hub-1", 8080, b.port())); // the hub came back with its broker on another port

        assertThat(onA.next("smollama/edge-1/status").payload()).isEqualTo("offline");
        assertThat(onB.next("smollama/edge-1/status").payload()).isEqualTo("online");
        await("connected to b", () -> edge.health().get("mqtt").detail().contains(":" + b.port()));
        edge.publish("smollama/edge-1/events", "after the move");
        assertThat(onB.next("smollama/edge-1/events").payload()).isEqualTo("after the move");
        assertThat(onA.drain()).filteredOn(m -> m.topic().endsWith("/events")).isEmpty();

        locator.removed(hub("hub-1", 8080, b.port())); // gone: the link stays where the hub was last seen
        edge.publish("smollama/edge-1/events", "still here");
        assertThat(onB.next("smollama/edge-1/events").payload()).isEqualTo("still here");
    }

    @Test
    void explicitHostAndHubsAndEmbeddedBrokersNeverFollowDiscovery() {
        MqttSettings hub = new MqttSettings(
                "h",
                NodeConfig.Role.HUB,
                Optional.empty(),
                0,
                false,
                "127.0.0.1",
                Path.of("x"),
                "smollama",
                false,
                Optional.empty(),
                Optional.empty(),
                "c",
                List.of(),
                Duration.ofSeconds(1),
                List.of(),
                100,
                true);
        MqttSettings explicit = new MqttSettings(
                "n",
                NodeConfig.Role.NODE,
                Optional.of("broker.lan"),
                1883,
                false,
                "127.0.0.1",
                Path.of("x"),
                "smollama",
                false,
                Optional.empty(),
                Optional.empty(),
                "c",
                List.of(),
                Duration.ofSeconds(1),
                List.of(),
                100,
                true);
        MqttSettings embedded = new MqttSettings(
                "n",
                NodeConfig.Role.NODE,
                Optional.empty(),
                0,
                true,
                "127.0.0.1",
                Path.of("x"),
                "smollama",
                false,
                Optional.empty(),
                Optional.empty(),
                "c",
                List.of(),
                Duration.ofSeconds(1),
                List.of(),
                100,
                true);

        assertThat(hub.discover()).isFalse();
        assertThat(hub.enabled()).isFalse();
        assertThat(explicit.discover()).isFalse();
        assertThat(embedded.discover()).isFalse();
        assertThat(discovering("n", NodeConfig.Role.NODE).discover()).isTrue();
    }
}
