package io.smollama.node.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.common.ComponentHealth;
import io.smollama.common.Reading;
import io.smollama.node.config.NodeConfig;
import io.smollama.node.store.Database;
import io.smollama.node.testsupport.RawClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against the embedded broker, with a TCP proxy in between to cut the network. */
class MqttClientIT {

    @TempDir
    Path dir;

    private EmbeddedBroker broker;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void startBroker() {
        broker = EmbeddedBroker.start("127.0.0.1", 0, dir.resolve("broker"), Optional.empty(), Optional.empty());
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        broker.close();
    }

    static MqttSettings settings(
            String node, NodeConfig.Role role, int port, List<String> agentTopics, Duration publishInterval) {
        return new MqttSettings(
                node,
                role,
                Optional.of("127.0.0.1"),
                port,
                false,
                "127.0.0.1",
                Path.of("unused"),
                "smollama",
                false,
                Optional.empty(),
                Optional.empty(),
                "smollama-" + node,
                agentTopics.stream().map(TopicFilter::new).toList(),
                publishInterval,
                List.of(),
                100_000);
    }

    private MqttService service(MqttSettings s, Database db, Consumer<Reading> sink) {
        MqttService m = MqttService.start(
                s,
                db,
                sink,
                Clock.systemUTC(),
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), new Random(1)));
        open.add(m);
        return m;
    }

    private Database db(String name) {
        Database db = Database.open(dir.resolve(name));
        open.add(db);
        return db;
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void outboxDeliversMessagesQueuedWhileTheBrokerWasUnreachableInOrderOnceEvenAcrossARestart() throws Exception {
        TcpProxy proxy = new TcpProxy(TcpProxy.freePort(), broker.port());
        open.add(proxy);
        RawClient watcher = new RawClient("watcher", broker.port()).subscribe("smollama/n1/events");
        open.add(watcher);
        Database db = db("n1");
        MqttSettings s = settings("n1", NodeConfig.Role.NODE, proxy.port(), List.of(), Duration.ofSeconds(10));
        MqttService first = service(s, db, r -> {});
        for (int i = 0; i < 30; i++) {
            assertThat(first.publish("smollama/n1/events", "m" + i, 1, false)).isTrue();
        }
        assertThat(first.counts()).containsEntry("mqttOutbox", 30L);
        assertThat(first.health().get("mqtt").status()).isEqualTo(ComponentHealth.Status.DEGRADED);
        assertThat(first.health().get("mqtt").detail()).contains("reconnecting to 127.0.0.1:" + proxy.port());
        first.close(); // the node restarts while the broker is still unreachable
        open.remove(first);

        MqttService second = service(s, db, r -> {});
        for (int i = 30; i < 40; i++) {
            second.publish("smollama/n1/events", "m" + i, 1, false);
        }
        proxy.open();
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            got.add(watcher.next("smollama/n1/events").payload());
        }
        assertThat(got)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 40)
                        .mapToObj(i -> "m" + i)
                        .toList());
        await("outbox empty", () -> second.counts().get("mqttOutbox") == 0L);
        Thread.sleep(300);
        assertThat(watcher.drain())
                .filteredOn(m -> m.topic().endsWith("/events"))
                .isEmpty();
        assertThat(second.health().get("mqtt").status()).isEqualTo(ComponentHealth.Status.UP);
    }

    @Test
    void statusIsRetainedOnlineAndTheLastWillSaysOfflineWhenTheConnectionDies() throws Exception {
        TcpProxy proxy = new TcpProxy(TcpProxy.freePort(), broker.port());
        open.add(proxy);
        proxy.open();
        MqttService node = service(
                settings("n2", NodeConfig.Role.NODE, proxy.port(), List.of(), Duration.ofSeconds(10)),
                db("n2"),
                r -> {});
        await("connected and subscribed", node::subscribed);
        try (RawClient late = new RawClient("late", broker.port()).subscribe("smollama/n2/status")) {
            // only a retained message reaches a later subscriber (Moquette 0.17 does not set the retain flag)
            assertThat(late.next().payload()).isEqualTo("online");
        }
        RawClient watcher = new RawClient("watcher2", broker.port()).subscribe("smollama/n2/status");
        open.add(watcher);
        assertThat(watcher.next().payload()).isEqualTo("online");

        proxy.cutAll(); // no DISCONNECT: the broker must publish the will
        assertThat(watcher.next().payload()).isEqualTo("offline");
        assertThat(watcher.next().payload()).isEqualTo("online"); // reconnected by itself

        node.close();
        open.remove(node);
        assertThat(watcher.next().payload()).isEqualTo("offline");
        try (RawClient late = new RawClient("late2", broker.port()).subscribe("smollama/n2/status")) {
            assertThat(late.next().payload()).isEqualTo("offline");
        }
    }

    @Test
    void agentListenerGetsMessagesOnItsTopicsButNeverReadingsNorItsOwnEcho() throws Exception {
        List<Reading> ingested = new CopyOnWriteArrayList<>();
        MqttService node = service(
                settings(
                        "n3",
                        NodeConfig.Role.NODE,
                        broker.port(),
                        List.of("home/#", "smollama/+/readings"),
                        Duration.ofSeconds(10)),
                db("n3"),
                ingested::add);
        List<MqttMessage> toAgent = new CopyOnWriteArrayList<>();
        node.addAgentListener(toAgent::add);
        await("connected and subscribed", node::subscribed);
        node.publish("home/own", "from myself", 1, false);
        try (RawClient other = new RawClient("other", broker.port())) {
            other.publish(
                    "smollama/edge-9/readings",
                    "{\"node\":\"edge-9\",\"readings\":[{\"source\":\"t:x\",\"value\":1}]}");
            other.publish("office/ignored", "not an agent topic");
            other.publish("home/door", "opened");
        }
        await("agent message", () -> !toAgent.isEmpty());
        await("ingested", () -> !ingested.isEmpty());
        Thread.sleep(300);
        assertThat(toAgent).extracting(MqttMessage::topic).containsExactly("home/door");
        assertThat(ingested).extracting(Reading::source).containsExactly("t:edge-9/x");
        assertThat(node.recentMessages("home/#", 10))
                .extracting(MqttMessage::payload)
                .containsExactly("opened", "from myself");
        assertThat(node.recentMessages("#", 1)).hasSize(1);
    }

    @Test
    void refusedPayloadsAreCountedAndNeverStopTheIngest() throws Exception {
        List<Reading> ingested = new CopyOnWriteArrayList<>();
        MqttService hub = service(
                settings("hub", NodeConfig.Role.HUB, broker.port(), List.of(), Duration.ofSeconds(10)),
                db("hub"),
                ingested::add);
        await("connected and subscribed", hub::subscribed);
        try (RawClient edge = new RawClient("edge-5", broker.port())) {
            edge.publish("smollama/edge-5/readings", "not json");
            edge.publish(
                    "smollama/edge-5/readings",
                    "{\"node\":\"edge-5\",\"readings\":[{\"source\":\"t:x\",\"value\":NaN}]}");
            edge.publish("smollama/edge-5/readings", "{\"node\":\"edge-6\",\"readings\":[]}");
            edge.publish(
                    "smollama/hub/readings", "{\"node\":\"hub\",\"readings\":[{\"source\":\"t:own\",\"value\":1}]}");
            edge.publish(
                    "smollama/edge-5/readings",
                    "{\"node\":\"edge-5\",\"readings\":[{\"source\":\"t:x\",\"value\":2}]}");
        }
        await("ingested", () -> !ingested.isEmpty());
        assertThat(ingested).extracting(Reading::value).containsExactly(2.0);
        assertThat(hub.counts()).containsEntry("mqttRefused", 3L).containsEntry("mqttIngested", 1L);
    }

    @Test
    void theEmbeddedBrokerKeepsItsDataInItsDirectoryAndNotTheWorkingDirectory() {
        assertThat(dir.resolve("broker")).isDirectory();
        assertThat(Path.of("data")).doesNotExist();
        assertThat(Files.exists(Path.of("moquette_store.h2"))).isFalse();
    }
}
