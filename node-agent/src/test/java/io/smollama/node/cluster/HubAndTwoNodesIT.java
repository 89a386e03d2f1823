package io.smollama.node.cluster;

import static io.smollama.node.testsupport.ScriptedOllama.lastMessageContains;
import static io.smollama.node.testsupport.ScriptedOllama.lastMessageIsToolResult;
import static io.smollama.node.testsupport.ScriptedOllama.text;
import static io.smollama.node.testsupport.ScriptedOllama.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smollama.common.ChatEvent;
import io.smollama.common.ChatRequest;
import io.smollama.common.Json;
import io.smollama.node.memory.ObservationDraft;
import io.smollama.node.testsupport.ScriptedOllama;
import io.smollama.node.testsupport.TestNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole cluster the way a user runs it: a hub and two nodes on loopback that sync to it by
 * {@code sync.hub_url}; everything is checked over the HTTP API (and the agent through {@link ScriptedOllama}).
 */
class HubAndTwoNodesIT {

    private static final String FACT = "The cellar floods when the sump pump fails";
    private static final String SEEN = "Greenhouse humidity climbed to 91 percent before dawn";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private static String common(ScriptedOllama ollama) {
        return """
                memory: {embedder: ollama}
                ollama: {url: %s}
                observe: {enabled: false}
                agent: {retries: 0}
                """.formatted(ollama.url());
    }

    private static String syncing(String name, TestNode hub, ScriptedOllama ollama) {
        return """
                node: {name: %s, role: node}
                sync: {enabled: true, hub_url: "%s", interval: 2s}
                """.formatted(name, hub.agent().baseUri()) + common(ollama);
    }

    private HttpResponse<String> send(TestNode n, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(n.uri(path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + TestNode.TOKEN)
                .header("Content-Type", "application/json");
        b = body == null
                ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.method(method, HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(TestNode n, String method, String path, String body) throws Exception {
        HttpResponse<String> r = send(n, method, path, body);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 201);
        return Json.mapper().readTree(r.body());
    }

    /** Asks until {@code until} holds, for at most 20 s; the condition, not the time, is the assertion. */
    private JsonNode await(TestNode n, String method, String path, String body, Predicate<JsonNode> until)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = json(n, method, path, body);
            if (until.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting on " + method + " " + path + "; last: " + last);
    }

    private static JsonNode member(JsonNode nodes, String name) {
        for (JsonNode n : nodes.path("nodes")) {
            if (n.path("node").asText().equals(name)) {
                return n;
            }
        }
        return Json.mapper().createObjectNode();
    }

    private static boolean syncedAndReachable(JsonNode member) {
        List<String> via = new ArrayList<>();
        member.path("via").forEach(v -> via.add(v.asText()));
        return via.contains(ClusterMember.SYNC) && member.path("state").asText().equals("reachable");
    }

    private long pendingMetric(TestNode n) throws Exception {
        HttpResponse<String> r = send(n, "GET", "/metrics", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Matcher m = Pattern.compile("(?m)^smollama_sync_pending_entries(?:\\{[^}]*})? (\\S+)$")
                .matcher(r.body());
        assertThat(m.find()).as("smollama_sync_pending_entries in\n" + r.body()).isTrue();
        return (long) Double.parseDouble(m.group(1));
    }

    private void awaitNoPendingEntries(TestNode n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        long pending = pendingMetric(n);
        while (pending != 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            pending = pendingMetric(n);
        }
        assertThat(pending).as("smollama_sync_pending_entries").isZero();
    }

    @Test
    void bothNodesSyncToTheHubWhichListsThemRecallsAcrossThemAndDropsWhatANodeForgets() throws Exception {
        try (ScriptedOllama ollama = ScriptedOllama.start();
                TestNode hub = TestNode.start(dir.resolve("hub"), """
                        node: {name: hub-1, role: hub}
                        cluster: {timeout: 1s, cache: 0s}
                        """ + common(ollama));
                TestNode nodeA = TestNode.start(dir.resolve("a"), syncing("node-a", hub, ollama));
                TestNode nodeB = TestNode.start(dir.resolve("b"), syncing("node-b", hub, ollama))) {
            nodeA.agent().memory().orElseThrow().observe(new ObservationDraft("anomaly", SEEN, 0.9, List.of(), "llm"));
            JsonNode remembered =
                    json(nodeB, "POST", "/api/memories", "{\"fact\":\"" + FACT + "\",\"confidence\":0.9}");
            String memoryId = remembered.path("memory").path("id").asText();
            assertThat(memoryId).isNotBlank();

            // the hub lists both nodes, known through sync and reachable
            JsonNode nodes = await(
                    hub,
                    "GET",
                    "/api/cluster/nodes",
                    null,
                    v -> syncedAndReachable(member(v, "node-a")) && syncedAndReachable(member(v, "node-b")));
            assertThat(member(nodes, "node-a").path("role").asText()).isEqualTo("node");
            assertThat(member(nodes, "hub-1").path("state").asText()).isEqualTo("reachable");

            // node-a's observation is in the hub's merged store, naming its node
            JsonNode observations =
                    await(hub, "GET", "/api/cluster/observations?node=node-a", null, v -> v.path("observations")
                            .toString()
                            .contains(SEEN));
            assertThat(observations.path("observations").findValuesAsText("node"))
                    .containsOnly("node-a");
            assertThat(observations.path("freshness").findValuesAsText("node")).contains("node-a");

            // node-a's agent finds node-b's memory through the hub
            await(hub, "POST", "/api/memory/recall", "{\"query\":\"cellar sump pump\"}", v -> v.toString()
                    .contains(FACT));
            ollama.alwaysReplyWhen(
                            lastMessageContains("cellar")
                                    .and(lastMessageIsToolResult().negate()),
                            toolCall("cross_node_recall", "{\"query\":\"cellar sump pump\"}"))
                    .alwaysReplyWhen(lastMessageIsToolResult(), text("Done."));
            List<ChatEvent> events = new CopyOnWriteArrayList<>();
            nodeA.client()
                    .chat(
                            new ChatRequest(null, "Does any node know about the cellar?"),
                            Duration.ofSeconds(20),
                            events::add);
            ChatEvent result = events.stream()
                    .filter(e -> e.kind().equals("tool_result"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no tool result in " + events));
            assertThat(result.tool()).isEqualTo("cross_node_recall");
            assertThat(result.error()).isFalse();
            JsonNode hits = Json.mapper().readTree(result.text());
            assertThat(hits.path("searched").asText())
                    .contains(hub.agent().baseUri().toString());
            assertThat(hits.path("hits").toString()).contains(FACT);
            assertThat(hits.path("hits").findValuesAsText("node")).contains("node-b");

            // forgotten on node-b: gone from the hub's recall after the next round
            assertThat(send(nodeB, "DELETE", "/api/memories/" + memoryId, null).statusCode())
                    .isEqualTo(200);
            await(hub, "POST", "/api/memory/recall", "{\"query\":\"cellar sump pump\"}", v -> !v.toString()
                    .contains(FACT));

            // every entry has reached the hub; the hub's own metrics still answer
            awaitNoPendingEntries(nodeA);
            awaitNoPendingEntries(nodeB);
            HttpResponse<String> hubMetrics = send(hub, "GET", "/metrics", null);
            assertThat(hubMetrics.statusCode()).isEqualTo(200);
            assertThat(hubMetrics.body()).contains("smollama_sync_pending_entries");
            assertThat(json(hub, "GET", "/api/health", null).path("status").asText())
                    .isEqualTo("ok");
            JsonNode hubSync = json(hub, "GET", "/api/sync/status", null);
            assertThat(hubSync.path("peers").findValuesAsText("node")).contains("node-a", "node-b");
        }
    }
}
