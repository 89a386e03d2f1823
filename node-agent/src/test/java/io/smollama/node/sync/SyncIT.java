package io.smollama.node.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smollama.common.Json;
import io.smollama.node.memory.ObservationDraft;
import io.smollama.node.testsupport.TestNode;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hub and nodes on loopback syncing over the real HTTP API. */
class SyncIT {

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private HttpResponse<String> get(TestNode n, String path, boolean token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(n.uri(path)).timeout(Duration.ofSeconds(10));
        if (token) {
            b.header("Authorization", "Bearer " + TestNode.TOKEN);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(TestNode n, String path) throws Exception {
        HttpResponse<String> r = get(n, path, true);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return Json.mapper().readTree(r.body());
    }

    private JsonNode await(TestNode n, String path, Predicate<JsonNode> until) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = json(n, path);
            if (until.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting on " + path + "; last: " + last);
    }

    private static boolean hasText(JsonNode list, String text) {
        for (JsonNode o : list) {
            if (o.path("text").asText().equals(text)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void observationsWrittenWhileTheHubIsDownAppearOnTheHubAfterItReturns() throws Exception {
        int hubPort = freePort();
        try (TestNode node = TestNode.start(tmp.resolve("node"), """
                node: {name: greenhouse, role: node}
                sync: {enabled: true, hub_url: "http://127.0.0.1:%d", interval: 1s}
                """.formatted(hubPort))) {
            var memory = node.agent().memory().orElseThrow();
            memory.observe(new ObservationDraft(
                    "anomaly", "the greenhouse door stayed open all night", 0.9, List.of(), "llm"));
            JsonNode offline = await(
                    node, "/api/sync/status", s -> s.path("state").asText().equals("offline"));
            assertThat(offline.path("pending").asLong()).isPositive();
            assertThat(offline.path("lastError").asText()).contains("unreachable");
            assertThat(json(node, "/api/health")
                            .path("components")
                            .path("sync")
                            .path("status")
                            .asText())
                    .isEqualTo("DEGRADED");

            try (TestNode hub = TestNode.start(tmp.resolve("hub"), """
                    node: {name: hub, role: hub}
                    http: {port: %d}
                    """.formatted(hubPort))) {
                await(
                        hub,
                        "/api/observations?limit=100",
                        list -> hasText(list, "the greenhouse door stayed open all night"));
                HttpResponse<String> recall = http.send(
                        HttpRequest.newBuilder(hub.uri("/api/memory/recall"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"query\":\"greenhouse door open\",\"node\":\"greenhouse\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(recall.statusCode()).isEqualTo(200);
                assertThat(recall.body()).contains("the greenhouse door stayed open all night");

                // a memory written on the hub reaches the node by pull
                hub.agent().memory().orElseThrow().remember("the hub sits in the shed", 0.8);
                JsonNode idle = await(
                        node,
                        "/api/sync/status",
                        s -> s.path("state").asText().equals("idle")
                                && s.path("pending").asLong() == 0
                                && s.path("vector").path("hub").asLong() >= 1);
                assertThat(idle.path("lastSync").isNull()).isFalse();
                await(node, "/api/memories", list -> list.toString().contains("the hub sits in the shed"));
                JsonNode hubStatus = json(hub, "/api/sync/status");
                assertThat(hubStatus.path("peers").get(0).path("node").asText()).isEqualTo("greenhouse");
                assertThat(hubStatus.path("peers").get(0).path("role").asText()).isEqualTo("node");
                assertThat(hub.agent().sync().orElseThrow().peers())
                        .extracting(SyncPeer::node)
                        .contains("greenhouse");
            }
        }
    }

    @Test
    void aWrongTokenIsRefusedAndTheNodeSaysSo() throws Exception {
        int hubPort = freePort();
        try (TestNode hub = TestNode.start(tmp.resolve("hub"), """
                        node: {name: hub, role: hub}
                        http: {port: %d, open_reads: true}
                        """.formatted(hubPort));
                TestNode node = TestNode.start(tmp.resolve("node"), """
                        node: {name: shed, role: node}
                        sync: {enabled: true, hub_url: "http://127.0.0.1:%d", interval: 1s, token: wrong-token-0123456789}
                        """.formatted(hubPort))) {
            JsonNode status = await(
                    node, "/api/sync/status", s -> s.path("state").asText().equals("error"));
            assertThat(status.path("lastError").asText())
                    .contains("401")
                    .contains("sync.token")
                    .doesNotContain("wrong-token");
            // reads are open on the hub, but a pull hands out every node's log: it needs the token
            assertThat(get(hub, "/api/sync/pull", false).statusCode()).isEqualTo(401);
            assertThat(get(hub, "/api/sync/pull", true).statusCode()).isEqualTo(200);
            assertThat(get(hub, "/api/sync/status", false).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aPushWithAMalformedEntryIsRefusedNamingTheEntryAndField() throws Exception {
        try (TestNode hub = TestNode.start(tmp.resolve("hub"), "node: {name: hub, role: hub}\n")) {
            String body = """
                    {"from": "shed", "entries": [
                      {"id": "6f1c1f57-3f0a-4c39-9d5c-3f0f3bb0b2a1", "origin": "shed", "seq": 1, "lamport": 1,
                       "type": "forget", "payload": {"id": "m1", "at": "2026-01-01T00:00:00Z"},
                       "createdAt": "2026-01-01T00:00:00Z"},
                      {"id": "6f1c1f57-3f0a-4c39-9d5c-3f0f3bb0b2a2", "origin": "shed", "seq": 0, "lamport": 2,
                       "type": "forget", "payload": {"id": "m1", "at": "2026-01-01T00:00:00Z"},
                       "createdAt": "2026-01-01T00:00:00Z"}]}""";
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(hub.uri("/api/sync/push"))
                            .header("Authorization", "Bearer " + TestNode.TOKEN)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("entries[1].seq");
            // refused whole: the valid first entry was not merged either
            assertThat(json(hub, "/api/sync/status").path("vector").has("shed")).isFalse();
        }
    }
}
