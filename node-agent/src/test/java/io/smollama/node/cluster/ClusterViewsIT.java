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
import io.smollama.common.Reading;
import io.smollama.common.cluster.ClusterNode;
import io.smollama.common.cluster.ClusterNodes;
import io.smollama.common.cluster.ClusterObservations;
import io.smollama.common.cluster.ClusterReadings;
import io.smollama.common.cluster.ClusterStats;
import io.smollama.common.cluster.NodeError;
import io.smollama.node.testsupport.ScriptedOllama;
import io.smollama.node.testsupport.TestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub and two nodes on loopback (discovery off: the hub knows the nodes from {@code cluster.nodes}); the views are
 * asked over HTTP, without the token (reads are open), as the console does.
 */
class ClusterViewsIT {

    private static final String SOURCE = "system:memory_percent";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private ScriptedOllama ollama;
    private TestNode nodeA;
    private TestNode nodeB;
    private TestNode hub;

    private String common() {
        return """
                memory: {embedder: ollama}
                ollama: {url: %s}
                observe: {enabled: false}
                agent: {retries: 0}
                """.formatted(ollama.url());
    }

    @BeforeEach
    void start() throws Exception {
        ollama = ScriptedOllama.start();
        nodeA = TestNode.start(dir.resolve("a"), "node: {name: node-a, role: node}\n" + common());
        nodeB = TestNode.start(dir.resolve("b"), "node: {name: node-b, role: node}\n" + common());
        hub = TestNode.start(
                dir.resolve("hub"),
                """
                node: {name: hub-1, role: hub}
                cluster: {nodes: ["%s", "%s"], timeout: 1s, cache: 0s}
                """.formatted(nodeA.agent().baseUri(), nodeB.agent().baseUri()) + common());
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {hub, nodeB, nodeA, ollama}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(hub.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private <T> T view(String path, Class<T> type) throws Exception {
        HttpResponse<String> res = get(path);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return Json.mapper().readValue(res.body(), type);
    }

    private static ClusterNode node(ClusterNodes nodes, String name) {
        return nodes.nodes().stream()
                .filter(n -> n.node().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not listed: " + nodes));
    }

    @Test
    void theHubListsEveryNodeAsReachableWithItsRoleVersionAndHealth() throws Exception {
        ClusterNodes nodes = view("/api/cluster/nodes", ClusterNodes.class);

        assertThat(nodes.node()).isEqualTo("hub-1");
        assertThat(nodes.nodes()).extracting(ClusterNode::node).containsExactly("hub-1", "node-a", "node-b");
        assertThat(nodes.nodes()).allSatisfy(n -> {
            assertThat(n.state()).isEqualTo(ClusterNode.REACHABLE);
            assertThat(n.health()).isNotNull();
            assertThat(n.version()).isNotBlank();
            assertThat(n.lastSeen()).isNotNull();
            assertThat(n.error()).isNull();
        });
        assertThat(node(nodes, "hub-1").via()).containsExactly(ClusterMember.SELF);
        assertThat(node(nodes, "hub-1").role()).isEqualTo("hub");
        assertThat(node(nodes, "node-a").via()).containsExactly(ClusterMember.CONFIG);
        assertThat(node(nodes, "node-a").role()).isEqualTo("node");
        assertThat(node(nodes, "node-a").url()).isEqualTo(nodeA.agent().baseUri());
        assertThat(node(nodes, "node-a").health().counts()).containsKey("memoryItems");
    }

    @Test
    void readingsAndStatsOfEveryNodeAppearOnTheHubEachNamingItsNode() throws Exception {
        nodeA.awaitReadings(SOURCE, 1);
        nodeB.awaitReadings(SOURCE, 1);
        hub.awaitReadings(SOURCE, 1);

        ClusterReadings readings = view("/api/cluster/readings", ClusterReadings.class);

        assertThat(readings.errors()).isEmpty();
        assertThat(readings.readings())
                .filteredOn(r -> r.source().equals(SOURCE))
                .extracting(Reading::node)
                .containsExactly("hub-1", "node-a", "node-b");

        ClusterStats stats = view("/api/cluster/stats", ClusterStats.class);
        assertThat(stats.errors()).isEmpty();
        assertThat(stats.nodes())
                .extracting(ClusterStats.NodeCounts::node)
                .containsExactly("hub-1", "node-a", "node-b");
        assertThat(stats.total().nodes()).isEqualTo(3);
        assertThat(stats.total().reporting()).isEqualTo(3);
        assertThat(stats.total().readings())
                .isEqualTo(stats.nodes().stream()
                        .mapToLong(ClusterStats.NodeCounts::readings)
                        .sum())
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void aStoppedNodeIsMarkedOfflineAndTheViewsStillAnswerWithTheOthers() throws Exception {
        assertThat(node(view("/api/cluster/nodes", ClusterNodes.class), "node-b")
                        .state())
                .isEqualTo(ClusterNode.REACHABLE);
        URI deadUrl = nodeB.agent().baseUri();
        nodeB.close();
        nodeB = null;

        ClusterNodes nodes = view("/api/cluster/nodes", ClusterNodes.class);

        ClusterNode dead = node(nodes, "node-b");
        assertThat(dead.state()).isEqualTo(ClusterNode.OFFLINE);
        assertThat(dead.url()).isEqualTo(deadUrl);
        assertThat(dead.health()).isNull();
        assertThat(dead.error().code()).isEqualTo("refused");
        assertThat(dead.lastSeen()).as("when it last answered").isNotNull();
        assertThat(node(nodes, "node-a").state()).isEqualTo(ClusterNode.REACHABLE);

        ClusterReadings readings = view("/api/cluster/readings", ClusterReadings.class);
        assertThat(readings.errors())
                .extracting(NodeError::node, NodeError::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("node-b", "offline"));
        assertThat(readings.readings()).extracting(Reading::node).doesNotContain("node-b");
    }

    private void importOnHub(String ndjson) throws Exception {
        HttpResponse<String> res = http.send(
                HttpRequest.newBuilder(hub.uri("/api/import"))
                        .header("Authorization", "Bearer " + TestNode.TOKEN)
                        .header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofString(ndjson))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    }

    private static final String CELLAR_MEMORY = """
            {"kind":"memory","memory":{"id":"m-cellar","node":"node-a","fact":"The cellar floods when the sump pump fails","confidence":0.9,"timesConfirmed":1,"active":true,"createdAt":"2026-05-01T08:00:00Z","updatedAt":"2026-05-01T08:00:00Z"}}
            {"kind":"observation","observation":{"id":"o-cellar","node":"node-a","type":"anomaly","text":"Cellar humidity rose to 91 percent overnight","confidence":0.8,"relatedSources":[],"source":"llm","createdAt":"2026-05-01T09:00:00Z","updatedAt":"2026-05-01T09:00:00Z","timesSeen":1}}
            """;

    @Test
    void clusterObservationsReadTheMergedStoreFilteredByNodeWithHowFreshEachNodeIs() throws Exception {
        importOnHub(CELLAR_MEMORY);

        ClusterObservations all = view("/api/cluster/observations?node=node-a", ClusterObservations.class);
        assertThat(all.store()).isEqualTo("hub-1");
        assertThat(all.observations()).singleElement().satisfies(o -> {
            assertThat(o.id()).isEqualTo("o-cellar");
            assertThat(o.node()).isEqualTo("node-a");
        });
        assertThat(all.freshness()).singleElement().satisfies(f -> {
            assertThat(f.node()).isEqualTo("node-a");
            assertThat(f.newestObservation()).hasToString("2026-05-01T09:00:00Z");
        });
        assertThat(view("/api/cluster/observations?node=node-b", ClusterObservations.class)
                        .observations())
                .isEmpty();
        assertThat(view("/api/cluster/observations?query=cellar+humidity&type=anomaly", ClusterObservations.class)
                        .observations())
                .extracting(o -> o.node())
                .containsExactly("node-a");
        ClusterObservations everyNode = view("/api/cluster/observations", ClusterObservations.class);
        assertThat(everyNode.freshness())
                .extracting(ClusterObservations.Freshness::node)
                .containsExactly("hub-1", "node-a", "node-b");

        for (String bad : List.of("node=Node_A", "limit=0", "type=rumour", "since=yesterday")) {
            HttpResponse<String> res = get("/api/cluster/observations?" + bad);
            assertThat(res.statusCode()).as(bad).isEqualTo(400);
            JsonNode error = Json.mapper().readTree(res.body()).path("error");
            assertThat(error.path("code").asText()).isEqualTo("bad_request");
            assertThat(error.path("message").asText()).contains("'" + bad.substring(0, bad.indexOf('=')) + "'");
        }
    }

    private List<ChatEvent> ask(TestNode node, String question) {
        List<ChatEvent> events = new CopyOnWriteArrayList<>();
        node.client().chat(new ChatRequest(null, question), Duration.ofSeconds(30), events::add);
        return events;
    }

    private static ChatEvent toolResult(List<ChatEvent> events) {
        return events.stream()
                .filter(e -> e.kind().equals("tool_result"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no tool result in " + events));
    }

    @Test
    void theHubsAgentRecallsAnotherNodesMemoryWithCrossNodeRecall() throws Exception {
        importOnHub(CELLAR_MEMORY);
        ollama.replyWhen(
                        lastMessageContains("cellar")
                                .and(lastMessageIsToolResult().negate()),
                        toolCall("cross_node_recall", "{\"query\":\"cellar flooding sump pump\"}"))
                .replyWhen(
                        lastMessageIsToolResult().and(lastMessageContains("node-a")),
                        text("node-a remembers that the cellar floods when the sump pump fails."));

        List<ChatEvent> events = ask(hub, "Has any node seen trouble in the cellar?");

        ChatEvent result = toolResult(events);
        assertThat(result.tool()).isEqualTo("cross_node_recall");
        assertThat(result.error()).isFalse();
        JsonNode hits = Json.mapper().readTree(result.text());
        assertThat(hits.path("searched").asText())
                .contains("merged memory of every node")
                .contains("hub-1");
        assertThat(hits.path("hits").findValuesAsText("node")).contains("node-a");
        assertThat(result.text()).contains("The cellar floods when the sump pump fails");
        assertThat(events.getLast().kind()).isEqualTo("done");
        assertThat(events.getLast().text()).contains("node-a remembers");
    }

    @Test
    void aNodesAgentAsksTheHubAndANodeWithoutAHubSearchesOnlyItselfAndSaysSo() throws Exception {
        importOnHub(CELLAR_MEMORY);
        ollama.alwaysReplyWhen(
                        lastMessageContains("cellar")
                                .and(lastMessageIsToolResult().negate()),
                        toolCall("cross_node_recall", "{\"query\":\"cellar sump pump\",\"node\":\"node-a\"}"))
                .alwaysReplyWhen(lastMessageIsToolResult(), text("Done."));

        try (TestNode follower =
                TestNode.start(dir.resolve("c"), """
                node: {name: node-c, role: node}
                sync: {hub_url: "%s"}
                """.formatted(hub.agent().baseUri()) + common())) {
            ChatEvent viaHub = toolResult(ask(follower, "What about the cellar?"));
            assertThat(viaHub.error()).isFalse();
            JsonNode answer = Json.mapper().readTree(viaHub.text());
            assertThat(answer.path("searched").asText())
                    .contains("hub")
                    .contains(hub.agent().baseUri().toString());
            assertThat(answer.path("hits").findValuesAsText("node")).containsOnly("node-a");
            assertThat(viaHub.text()).contains("sump pump");
        }

        // node-a has no hub configured and discovery is off: it searches itself and says only it was searched
        ChatEvent alone = toolResult(ask(nodeA, "What about the cellar?"));
        JsonNode answer = Json.mapper().readTree(alone.text());
        assertThat(answer.path("searched").asText())
                .startsWith("only this node (node-a)")
                .contains("no hub is known");
    }
}
