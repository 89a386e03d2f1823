package io.smollama.node.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.common.Reading;
import io.smollama.node.testsupport.TestNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real node-agents in one JVM: a hub with the embedded broker and an edge node publishing to it. */
class EdgeToHubIT {

    @TempDir
    Path dir;

    @Test
    void anEdgeNodesReadingsAppearOnTheHubUnderItsNameLikeLocalOnes() throws Exception {
        try (TestNode hub = TestNode.start(dir.resolve("hub"), """
                node: {name: hub-1, role: hub}
                mqtt: {port: 0}
                plugins: {system: {enabled: false}}
                """)) {
            int brokerPort = hub.agent().mqtt().brokerPort();
            assertThat(brokerPort).isPositive();
            try (TestNode edge = TestNode.start(dir.resolve("edge"), """
                    node: {name: edge-1, role: edge}
                    mqtt: {host: 127.0.0.1, port: %d, publish_interval: 200ms}
                    plugins: {system: {interval: 1s}}
                    """.formatted(brokerPort))) {
                String source = "system:edge-1/load_1m";
                long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                java.util.Optional<Reading> latest = java.util.Optional.empty();
                while (latest.isEmpty() && System.nanoTime() < deadline) {
                    latest = hub.client().latestReadings().stream()
                            .filter(r -> r.source().equals(source))
                            .findFirst();
                    Thread.sleep(100);
                }
                assertThat(latest)
                        .as("hub readings: %s", hub.client().latestReadings())
                        .isPresent();
                assertThat(latest.get().node()).isEqualTo("edge-1");
                assertThat(hub.client().latest(source)).isPresent();
                assertThat(hub.client()
                                .history(source, Instant.now().minusSeconds(60), Instant.now(), 100)
                                .points())
                        .isNotEmpty();
                assertThat(hub.client().sources())
                        .anySatisfy(s -> assertThat(s.source()).isEqualTo(source));
                assertThat(hub.agent().health().components().get("mqtt").detail())
                        .contains("embedded broker on");
                assertThat(edge.agent().health().components().get("mqtt").detail())
                        .contains("connected to 127.0.0.1:" + brokerPort);
                assertThat(edge.agent().health().counts()).containsKey("mqttPublished");
                // an edge node only publishes: it takes in nothing
                assertThat(edge.agent().health().counts()).doesNotContainKey("mqttIngested");
            }
        }
    }
}
