package io.smollama.node.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smollama.common.Json;
import io.smollama.common.discovery.DiscoveryException;
import io.smollama.common.discovery.InterfaceChooser;
import io.smollama.node.testsupport.TestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryApiIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(uri)
                        .header("Authorization", "Bearer " + TestNode.TOKEN)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aNodeWithDiscoveryOnAnnouncesItselfAndListsItselfAmongTheNodes(@TempDir Path dir) throws Exception {
        try {
            InterfaceChooser.choose("");
        } catch (DiscoveryException e) {
            assumeTrue(false, "no multicast-capable network interface here: " + e.getMessage());
        }
        String name = "disc-api-" + ProcessHandle.current().pid();
        try (TestNode node = TestNode.start(dir, """
                node:
                  name: %s
                  role: hub
                http:
                  open_reads: false
                discovery:
                  enabled: true
                """.formatted(name))) {
            JsonNode self = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (self == null && System.nanoTime() < deadline) {
                HttpResponse<String> res = get(node.uri("/api/discovery/nodes"));
                assertThat(res.statusCode()).isEqualTo(200);
                for (JsonNode n : Json.mapper().readTree(res.body())) {
                    if (n.path("name").asText().equals(name)) {
                        self = n;
                    }
                }
                Thread.sleep(200);
            }
            assertThat(self).as("the node lists itself within 20 s").isNotNull();
            assertThat(self.path("role").asText()).isEqualTo("hub");
            assertThat(self.path("auth").asText()).isEqualTo("token"); // reads need the token here
            assertThat(self.path("port").asInt()).isEqualTo(node.agent().port());
            assertThat(self.path("baseUrl").asText()).doesNotContain("127.0.0.1");
            assertThat(self.has("hub")).isFalse();

            var discovery = node.client().health().components().get("discovery");
            assertThat(discovery.detail()).startsWith("announced as " + name + " on ");
            assertThat(node.client().health().status()).isEqualTo("ok");
        }
    }

    @Test
    void withDiscoveryOffTheListIsUnavailableAndHealthSaysDisabled(@TempDir Path dir) throws Exception {
        try (TestNode node = TestNode.start(dir, "")) {
            HttpResponse<String> res = get(node.uri("/api/discovery/nodes"));

            assertThat(res.statusCode()).isEqualTo(503);
            assertThat(Json.mapper()
                            .readTree(res.body())
                            .path("error")
                            .path("code")
                            .asText())
                    .isEqualTo("discovery_disabled");
            assertThat(node.client()
                            .health()
                            .components()
                            .get("discovery")
                            .status()
                            .name())
                    .isEqualTo("DISABLED");
            assertThat(node.agent().discovery().hubs().hub()).isEmpty();
        }
    }

    @Test
    void anInterfaceThatDoesNotExistLeavesTheNodeRunningAndHealthSaysWhy(@TempDir Path dir) throws Exception {
        try (TestNode node = TestNode.start(dir, """
                discovery:
                  enabled: true
                  interface: nosuch0
                """)) {
            var discovery = node.client().health().components().get("discovery");

            assertThat(discovery.status().name()).isEqualTo("DEGRADED");
            assertThat(discovery.detail()).contains("no interface named nosuch0");
            HttpResponse<String> res = get(node.uri("/api/discovery/nodes"));
            assertThat(res.statusCode()).isEqualTo(503);
            assertThat(res.body()).contains("discovery_unavailable").contains("nosuch0");
            assertThat(get(node.uri("/api/readings")).statusCode()).isEqualTo(200);
        }
    }
}
