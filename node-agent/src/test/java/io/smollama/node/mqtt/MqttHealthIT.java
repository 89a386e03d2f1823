package io.smollama.node.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.node.testsupport.TestNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the {@code mqtt} health component tells a user whose node has no broker. */
class MqttHealthIT {

    @TempDir
    Path dir;

    @Test
    void aNodeWithDiscoveryOffSaysItHasNoBrokerInsteadOfWaitingForAHubOverMdns() throws Exception {
        try (TestNode node = TestNode.start(dir, "")) { // role node, discovery.enabled: false
            var mqtt = node.client().health().components().get("mqtt");

            assertThat(mqtt.detail()).startsWith("no broker: set mqtt.host").doesNotContain("mDNS");
        }
    }
}
