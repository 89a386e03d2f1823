package io.smollama.node.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smollama.common.Json;
import io.smollama.common.RecallQuery;
import io.smollama.node.testsupport.TestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memory API on a real node: shapes, validation, auth, WebSocket events, export and import. */
class MemoryApiIT {

    @TempDir
    static Path dir;

    static TestNode node;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start(dir.resolve("a"), "");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static HttpResponse<String> call(TestNode n, String method, String path, String body, boolean token)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(n.uri(path))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token) {
            b.header("Authorization", "Bearer " + TestNode.TOKEN);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> res) throws Exception {
        return Json.mapper().readTree(res.body());
    }

    @Test
    void rememberAnswers201ThenReinforcesWith200AndRecallFindsIt() throws Exception {
        var first = call(node, "POST", "/api/memories", "{\"fact\":\"The porch light is on GPIO 22\"}", true);
        var again = call(
                node, "POST", "/api/memories", "{\"fact\":\"The porch light is on GPIO 22\",\"confidence\":0.5}", true);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(json(first).path("reinforced").asBoolean()).isFalse();
        assertThat(json(first).path("memory").path("node").asText()).isEqualTo("test-node");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).path("memory").path("timesConfirmed").asInt()).isEqualTo(2);
        var hits = node.client().recall(RecallQuery.of("which pin drives the porch lamp?", 3));
        assertThat(hits.getFirst().text()).isEqualTo("The porch light is on GPIO 22");
        assertThat(node.client().memories("porch lamp", 5)).first().satisfies(m -> assertThat(m.score())
                .isNotNull());
    }

    @Test
    void forgettingAnswersTheDeactivatedMemoryAnd404ForAnUnknownId() throws Exception {
        var m = node.client().remember("The garage freezer hums at night", 0.7).memory();

        var forgotten = call(node, "DELETE", "/api/memories/" + m.id(), null, true);
        var unknown = call(node, "DELETE", "/api/memories/nope", null, true);

        assertThat(forgotten.statusCode()).isEqualTo(200);
        assertThat(json(forgotten).path("active").asBoolean()).isFalse();
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).path("error").path("code").asText()).isEqualTo("not_found");
        assertThat(node.client().memories(null, 100)).noneMatch(x -> x.id().equals(m.id()));
    }

    @Test
    void badQueryParametersAreRejectedWithA400NamingTheParameter() throws Exception {
        for (var c : List.of(
                new String[] {"/api/observations?limit=abc", "'limit'"},
                new String[] {"/api/observations?limit=0", "'limit'"},
                new String[] {"/api/observations?since=yesterday", "'since'"},
                new String[] {"/api/observations?type=gossip", "'type'"},
                new String[] {"/api/memories?limit=1000", "'limit'"},
                new String[] {"/api/memories?includeInactive=maybe", "'includeInactive'"})) {
            var res = call(node, "GET", c[0], null, false);
            assertThat(res.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(json(res).path("error").path("message").asText())
                    .as(c[0])
                    .contains(c[1]);
        }
        var recall = call(node, "POST", "/api/memory/recall", "{\"query\":\"x\",\"limit\":1000}", true);
        assertThat(recall.statusCode()).isEqualTo(400);
        assertThat(json(recall).path("error").path("message").asText()).contains("limit");
        var noFact = call(node, "POST", "/api/memories", "{\"confidence\":0.5}", true);
        assertThat(noFact.statusCode()).isEqualTo(400);
        assertThat(json(noFact).path("error").path("message").asText()).contains("'fact'");
        var badConfidence = call(node, "POST", "/api/memories", "{\"fact\":\"x\",\"confidence\":2}", true);
        assertThat(json(badConfidence).path("error").path("message").asText()).contains("'confidence'");
    }

    @Test
    void stateChangingCallsNeedTheToken() throws Exception {
        assertThat(call(node, "POST", "/api/memories", "{\"fact\":\"x\"}", false)
                        .statusCode())
                .isEqualTo(401);
        assertThat(call(node, "DELETE", "/api/memories/x", null, false).statusCode())
                .isEqualTo(401);
        assertThat(call(node, "POST", "/api/import", "", false).statusCode()).isEqualTo(401);
    }

    @Test
    void recallOnlyReadsSoItIsOpenWithoutTheTokenWhenReadsAreOpen() throws Exception {
        node.client().remember("The greenhouse vent opens at 28 degrees", 0.9);

        var res =
                call(node, "POST", "/api/memory/recall", "{\"query\":\"when does the vent open\",\"limit\":3}", false);

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.body()).contains("The greenhouse vent opens at 28 degrees");
    }

    @Test
    void observationsAreListedNewestFirstAndSearchedByMeaning() throws Exception {
        var book = node.agent().memory().orElseThrow();
        book.observe(
                new ObservationDraft("pattern", "Humidity climbs every morning at sunrise", 0.6, List.of(), "llm"));
        book.observe(new ObservationDraft("anomaly", "The disk filled up to 97 percent", 0.9, List.of(), "statistics"));

        var recent = node.client().observations(null, 10, null, null);
        var anomalies = node.client().observations(null, 10, "anomaly", null);
        var searched = node.client().observations("air moisture rises at dawn", 1, null, null);

        assertThat(recent).extracting(o -> o.text()).startsWith("The disk filled up to 97 percent");
        assertThat(anomalies).allMatch(o -> o.type().equals("anomaly"));
        assertThat(searched.getFirst().text()).isEqualTo("Humidity climbs every morning at sunrise");
        assertThat(searched.getFirst().score()).isNotNull();
    }

    @Test
    void healthShowsTheMemoryComponent() {
        var memory = node.client().health().components().get("memory");
        assertThat(memory).isNotNull();
        assertThat(memory.detail()).contains("all-MiniLM-L6-v2");
    }

    @Test
    void aWebSocketClientReceivesAMemoryEvent() throws Exception {
        BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        WebSocket ws = http.newWebSocketBuilder()
                .header("Authorization", "Bearer " + TestNode.TOKEN)
                .buildAsync(
                        URI.create(node.uri("/ws").toString().replaceFirst("^http", "ws")), new WebSocket.Listener() {
                            final StringBuilder partial = new StringBuilder();

                            @Override
                            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                                partial.append(data);
                                if (last) {
                                    try {
                                        messages.add(Json.mapper().readTree(partial.toString()));
                                    } catch (Exception e) {
                                        throw new AssertionError(e);
                                    }
                                    partial.setLength(0);
                                }
                                w.request(1);
                                return null;
                            }
                        })
                .get(10, TimeUnit.SECONDS);
        try {
            node.client().remember("The attic window sticks in winter", 0.6);
            JsonNode event = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (event == null && System.nanoTime() < deadline) {
                JsonNode m = messages.poll(100, TimeUnit.MILLISECONDS);
                if (m != null && m.path("type").asText().equals("memory")) {
                    event = m;
                }
            }
            assertThat(event).as("a memory event within 10 s").isNotNull();
            assertThat(event.path("node").asText()).isEqualTo("test-node");
            assertThat(event.path("data").path("fact").asText()).isEqualTo("The attic window sticks in winter");
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void anImportLargerThanTheGeneralBodyLimitIsAcceptedUpToTheImportLimit() throws Exception {
        String line = "{\"kind\":\"memory\",\"memory\":{\"id\":\"big-import-1\",\"node\":\"elsewhere\","
                + "\"fact\":\"The pump in the cellar runs twice a night " + "x".repeat(200) + "\",\"confidence\":0.5,"
                + "\"timesConfirmed\":1,\"active\":true,\"createdAt\":\"2026-01-01T00:00:00Z\","
                + "\"updatedAt\":\"2026-01-01T00:00:00Z\"}}\n";
        int copies = (int) (9L * 1024 * 1024 / line.length()); // 9 MiB: over 4 × http.max_body_bytes
        String body = line.repeat(copies);

        HttpResponse<String> res = call(node, "POST", "/api/import", body, true);

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(json(res).path("imported").asInt()).isEqualTo(1);
        assertThat(json(res).path("skipped").asInt()).isEqualTo(copies - 1);
    }

    @Test
    void anImportedItemWithAnEmptyIdIsRefusedNamingTheLine() throws Exception {
        String ok = "{\"kind\":\"memory\",\"memory\":{\"id\":\"m-ok\",\"node\":\"elsewhere\","
                + "\"fact\":\"The shed door sticks\",\"confidence\":0.5,\"timesConfirmed\":1,\"active\":true,"
                + "\"createdAt\":\"2026-01-01T00:00:00Z\",\"updatedAt\":\"2026-01-01T00:00:00Z\"}}\n";
        String emptyId = ok.replace("\"m-ok\"", "\"\"");

        HttpResponse<String> res = call(node, "POST", "/api/import", ok + emptyId, true);

        assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
        assertThat(json(res).path("error").path("message").asText())
                .contains("line 2")
                .contains("id and node must not be empty");
    }

    @Test
    void exportThenImportIntoAFreshNodeIsIdempotent() throws Exception {
        node.client().remember("The rain gauge empties itself at midnight", 0.9);
        node.agent()
                .memory()
                .orElseThrow()
                .observe(new ObservationDraft("status", "All sensors reported on time", 0.8, List.of(), "statistics"));
        var export = call(node, "GET", "/api/export", null, false);
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        List<String> lines = export.body().lines().toList();
        assertThat(lines)
                .isNotEmpty()
                .allSatisfy(l -> assertThat(json(l).path("kind").asText()).isIn("observation", "memory"));

        try (TestNode fresh = TestNode.start(dir.resolve("b"), "")) {
            var first = call(fresh, "POST", "/api/import", export.body(), true);
            var second = call(fresh, "POST", "/api/import", export.body(), true);

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(json(first).path("imported").asInt()).isEqualTo(lines.size());
            assertThat(json(first).path("skipped").asInt()).isZero();
            assertThat(json(second).path("imported").asInt()).isZero();
            assertThat(json(second).path("skipped").asInt()).isEqualTo(lines.size());
            var again = call(fresh, "GET", "/api/export", null, false);
            assertThat(again.body().lines().toList()).containsExactlyInAnyOrderElementsOf(lines);
            var hits = fresh.client().recall(RecallQuery.of("rain gauge", 1));
            assertThat(hits.getFirst().memory().node()).isEqualTo("test-node");
            var bad = call(fresh, "POST", "/api/import", "{\"kind\":\"thing\"}\n", true);
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(json(bad).path("error").path("message").asText()).contains("line 1");
        }
    }

    private static JsonNode json(String line) {
        try {
            return Json.mapper().readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
