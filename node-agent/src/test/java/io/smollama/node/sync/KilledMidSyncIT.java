package io.smollama.node.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smollama.common.Json;
import io.smollama.node.testsupport.AgentProcess;
import io.smollama.node.testsupport.ScriptedOllama;
import io.smollama.node.testsupport.TestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node killed with SIGKILL in the middle of pushing its log to the hub: after a restart the hub holds every
 * entry and every observation exactly once.
 */
class KilledMidSyncIT {

    private static final String NODE = "crashy";
    private static final int ENTRIES = 6000;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(URI uri, String method, String contentType, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + TestNode.TOKEN)
                        .header("Content-Type", contentType)
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private long hubHolds(TestNode hub) throws Exception {
        HttpResponse<String> r = send(hub.uri("/api/sync/status"), "GET", "application/json", null);
        return Json.mapper().readTree(r.body()).path("vector").path(NODE).asLong();
    }

    private static String observations(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < to; i++) {
            b.append("""
                    {"kind":"observation","observation":{"id":"o-%d","node":"%s","type":"status","text":"Pump cycle %d finished normally","confidence":0.7,"relatedSources":[],"source":"llm","createdAt":"2026-05-01T09:00:00Z","updatedAt":"2026-05-01T09:00:00Z","timesSeen":1}}
                    """.formatted(i, NODE, i));
        }
        return b.toString();
    }

    private void importOn(URI base, String ndjson) throws Exception {
        HttpResponse<String> r = send(URI.create(base + "/api/import"), "POST", "application/x-ndjson", ndjson);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aNodeKilledMidSyncLosesAndDuplicatesNothingOnTheHubAfterRestart() throws Exception {
        try (ScriptedOllama ollama = ScriptedOllama.start();
                TestNode hub = TestNode.start(dir.resolve("hub"), """
                        node: {name: hub, role: hub}
                        memory: {embedder: ollama}
                        ollama: {url: %s}
                        observe: {enabled: false}
                        """.formatted(ollama.url()))) {
            Path config = dir.resolve("node/smollama.yaml");
            Files.createDirectories(config.getParent());
            Files.writeString(config, """
                    node: {name: %s, role: node}
                    http: {host: 127.0.0.1, port: 0, token: %s}
                    storage: {path: %s}
                    discovery: {enabled: false}
                    memory: {embedder: ollama}
                    ollama: {url: %s}
                    observe: {enabled: false}
                    sync: {enabled: true, hub_url: "%s", interval: 2s}
                    """.formatted(
                            NODE,
                            TestNode.TOKEN,
                            dir.resolve("node/data"),
                            ollama.url(),
                            hub.agent().baseUri()));

            try (AgentProcess node = AgentProcess.start(config)) {
                importOn(node.baseUri(), observations(0, ENTRIES));
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                long held = hubHolds(hub);
                while (held == 0 && System.nanoTime() < deadline) {
                    held = hubHolds(hub);
                }
                node.kill9();
                held = hubHolds(hub);
                assertThat(held)
                        .as("the hub had some but not all of the node's entries when it was killed")
                        .isPositive()
                        .isLessThan(ENTRIES);
                System.out.printf("killed mid-sync: the hub held %d of %d entries%n", held, ENTRIES);
            }

            try (AgentProcess node = AgentProcess.start(config)) {
                importOn(node.baseUri(), observations(ENTRIES, ENTRIES + 10)); // and it goes on writing
                long total = ENTRIES + 10;
                long deadline = System.nanoTime() + Duration.ofSeconds(25).toNanos();
                while (hubHolds(hub) < total && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(hubHolds(hub)).isEqualTo(total);
                JsonNode status = Json.mapper()
                        .readTree(send(URI.create(node.baseUri() + "/api/sync/status"), "GET", "application/json", null)
                                .body());
                assertThat(status.path("vector").path(NODE).asLong()).isEqualTo(total);

                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hub/data/smollama.db"));
                        Statement s = c.createStatement()) {
                    String mine = " WHERE origin = '" + NODE + "'";
                    assertThat(count(s, "SELECT count(*) FROM sync_log" + mine)).isEqualTo(total);
                    assertThat(count(s, "SELECT count(DISTINCT id) FROM sync_log" + mine))
                            .isEqualTo(total);
                    assertThat(count(s, "SELECT max(seq) FROM sync_log" + mine)).isEqualTo(total);
                    String rows = " FROM observations WHERE node = '" + NODE + "'";
                    assertThat(count(s, "SELECT count(*)" + rows)).isEqualTo(total);
                    assertThat(count(s, "SELECT count(DISTINCT id)" + rows)).isEqualTo(total);
                }
            }
        }
    }
}
