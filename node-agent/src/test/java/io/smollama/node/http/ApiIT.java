package io.smollama.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smollama.common.ActionResult;
import io.smollama.common.Health;
import io.smollama.common.History;
import io.smollama.common.Json;
import io.smollama.common.NodeClient;
import io.smollama.common.Reading;
import io.smollama.common.SourceInfo;
import io.smollama.node.testsupport.TestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every route of the API on a real node-agent on a loopback port, with its auth and error paths. */
class ApiIT {

    @TempDir
    static Path dir;

    static TestNode node;
    static HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start(dir, """
                plugins:
                  simulated:
                    enabled: true
                    interval: 100ms
                  gpio:
                    provider: mock
                    pins:
                      - {pin: 17, name: door, mode: input}
                      - {pin: 27, name: fan, mode: output}
                """);
        node.awaitReadings("simulated:temperature", 3);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    HttpResponse<String> call(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(node.uri(path)).timeout(Duration.ofSeconds(10));
        if (token != null) b.header("Authorization", "Bearer " + token);
        b.header("Content-Type", "application/json");
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request the JDK's client refuses to send (malformed percent-encoding), written to the socket by hand. */
    static String rawGet(String path) throws Exception {
        try (java.net.Socket socket =
                new java.net.Socket("127.0.0.1", node.agent().port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream()
                    .write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    static JsonNode json(HttpResponse<String> res) throws Exception {
        return Json.mapper().readTree(res.body());
    }

    static void assertError(HttpResponse<String> res, int status, String messagePart) throws Exception {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(status);
        assertThat(res.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode err = json(res).path("error");
        assertThat(err.path("code").asText()).isNotBlank();
        assertThat(err.path("message").asText()).containsIgnoringCase(messagePart);
        assertThat(res.body())
                .doesNotContain(TestNode.TOKEN)
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void healthReportsNodeRoleVersionAndRightCounts() {
        Health h = node.client().health();
        assertThat(h.status()).isEqualTo("ok");
        assertThat(h.node()).isEqualTo("test-node");
        assertThat(h.role()).isEqualTo("node");
        assertThat(h.version()).isNotBlank();
        assertThat(h.components()).containsKeys("store", "sampler", "http");
        assertThat(h.components().keySet()).anyMatch(k -> k.equals("plugin.simulated"));
        long stored = node.client().stats().readingsTotal();
        assertThat(h.counts().get("readings")).isPositive().isLessThanOrEqualTo(stored + 1000);
        assertThat(h.counts().get("sources"))
                .isEqualTo((long) node.client().latestReadings().size());
    }

    @Test
    void sourcesListEveryRunningSourceWithUnitsAndPlugin() {
        List<SourceInfo> sources = node.client().sources();
        assertThat(sources).extracting(SourceInfo::source).contains("simulated:temperature", "gpio:door", "gpio:fan");
        SourceInfo temp = sources.stream()
                .filter(s -> s.source().equals("simulated:temperature"))
                .findFirst()
                .orElseThrow();
        assertThat(temp.plugin()).isEqualTo("simulated");
        assertThat(temp.unit()).isEqualTo("°C");
        assertThat(temp.latest()).isNotNull();
        assertThat(temp.latest().metadata()).containsEntry("simulated", "true");
    }

    @Test
    void latestReadingOfASourceAndOfAll() {
        Reading r = node.client().latest("simulated:temperature").orElseThrow();
        assertThat(r.node()).isEqualTo("test-node");
        assertThat(r.value()).isBetween(-10.0, 45.0);
        assertThat(node.client().latestReadings()).extracting(Reading::source).contains("simulated:temperature");
    }

    @Test
    void gpioReadingsSayTheyComeFromTheMockProvider() throws Exception {
        node.awaitReadings("gpio:door", 1);
        Reading r = node.client().latest("gpio:door").orElseThrow();
        assertThat(r.metadata()).containsEntry("provider", "mock");
    }

    @Test
    void historyIsDownsampledToAtMostMaxPoints() throws Exception {
        node.awaitReadings("simulated:temperature", 10);
        Instant now = Instant.now();
        History h = node.client().history("simulated:temperature", now.minusSeconds(3600), now.plusSeconds(1), 4);
        assertThat(h.points()).isNotEmpty().hasSizeLessThanOrEqualTo(4);
        assertThat(h.points()).allSatisfy(p -> assertThat(p.min()).isLessThanOrEqualTo(p.avg()));
        assertThat(h.points().stream().mapToLong(p -> p.count()).sum()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void unknownSourceIs404AndMalformedSourceIs400() throws Exception {
        assertError(call("GET", "/api/readings/simulated:nothing_here", null, null), 404, "simulated:nothing_here");
        assertError(call("GET", "/api/readings/no-colon", null, null), 400, "type:id");
        assertError(call("GET", "/api/readings/simulated:nothing_here/history", null, null), 404, "nothing_here");
    }

    @Test
    void badHistoryParametersAre400NamingTheParameter() throws Exception {
        String base = "/api/readings/simulated:temperature/history";
        assertError(call("GET", base + "?maxPoints=0", null, null), 400, "maxPoints");
        assertError(call("GET", base + "?maxPoints=lots", null, null), 400, "maxPoints");
        assertError(call("GET", base + "?from=yesterday", null, null), 400, "from");
        assertError(
                call("GET", base + "?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", null, null), 400, "before");
    }

    @Test
    void outOfRangeInstantsAndBrokenEncodingsAre400NotServerErrors() throws Exception {
        String base = "/api/readings/simulated:temperature/history";
        assertError(call("GET", base + "?to=-1000000000-01-01T00:00:00Z", null, null), 400, "to");
        assertError(call("GET", base + "?to=%2B999999999-12-31T00:00:00Z", null, null), 400, "to");
        assertError(call("GET", base + "?from=-999999999-01-01T00:00:00Z", null, null), 400, "from");
        String raw = rawGet("/api/readings/simulated%zztemperature");
        assertThat(raw).startsWith("HTTP/1.1 400");
        assertThat(raw).contains("application/json").contains("{\"error\":{\"code\":\"bad_request\"");
        HttpResponse<String> act = call("POST", "/api/actuators/a%25zz", "{}", TestNode.TOKEN);
        assertError(act, 404, "a%zz");
    }

    @Test
    void statsCountStoredReadings() {
        var stats = node.client().stats();
        assertThat(stats.readingsTotal()).isPositive();
        assertThat(stats.readingsBySource()).containsKey("simulated:temperature");
        assertThat(stats.databaseBytes()).isPositive();
    }

    @Test
    void actuatorsAreListedWithTypedParameters() throws Exception {
        JsonNode list = json(call("GET", "/api/actuators", null, null));
        assertThat(list.findValuesAsText("id")).contains("gpio:fan.set");
    }

    @Test
    void actingWithoutTheTokenIs401AndChangesNothing() throws Exception {
        assertError(call("POST", "/api/actuators/gpio:fan.set", "{\"state\":true}", null), 401, "token");
        assertError(call("POST", "/api/actuators/gpio:fan.set", "{\"state\":true}", "wrong"), 401, "not valid");
    }

    @Test
    void actingWithTheTokenSwitchesTheOutput() throws Exception {
        NodeClient authed = new NodeClient(node.uri(""), TestNode.TOKEN, Duration.ofSeconds(5));
        ActionResult on = authed.act("gpio:fan.set", Map.of("state", true));
        assertThat(on.ok()).isTrue();
        assertThat(on.state()).containsEntry("state", true);
        ActionResult off = authed.act("gpio:fan.set", Map.of("state", false));
        assertThat(off.state()).containsEntry("state", false);
    }

    @Test
    void badActuatorInputIs400NamingTheField() throws Exception {
        assertError(call("POST", "/api/actuators/gpio:fan.set", "{\"state\":\"maybe\"}", TestNode.TOKEN), 400, "state");
        assertError(call("POST", "/api/actuators/gpio:fan.set", "{}", TestNode.TOKEN), 400, "state");
        assertError(
                call("POST", "/api/actuators/gpio:fan.set", "{\"state\":true,\"colour\":1}", TestNode.TOKEN),
                400,
                "colour");
        assertError(
                call("POST", "/api/actuators/gpio:fan.set", "{\"state\": tru", TestNode.TOKEN), 400, "malformed JSON");
        assertError(call("POST", "/api/actuators/gpio:fan.set", "[1,2]", TestNode.TOKEN), 400, "JSON object");
        assertError(
                call("POST", "/api/actuators/gpio:nope.set", "{\"state\":true}", TestNode.TOKEN), 404, "gpio:nope.set");
    }

    @Test
    void oversizedBodyIs413AndTheNodeKeepsServing() throws Exception {
        String huge = "{\"state\":true,\"pad\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        assertError(call("POST", "/api/actuators/gpio:fan.set", huge, TestNode.TOKEN), 413, "limit");
        assertThat(node.client().health().status()).isEqualTo("ok");
    }

    @Test
    void unknownRouteIsAJson404() throws Exception {
        assertError(call("GET", "/api/nothing", null, null), 404, "/api/nothing");
        assertError(call("DELETE", "/api/readings", null, TestNode.TOKEN), 404, "DELETE");
    }

    @Test
    void openApiDocumentsEveryRoute() throws Exception {
        HttpResponse<String> yaml = call("GET", "/openapi", null, null);
        assertThat(yaml.statusCode()).isEqualTo(200);
        JsonNode doc = json(call("GET", "/openapi?format=json", null, null));
        assertThat(doc.path("paths").fieldNames())
                .toIterable()
                .contains(
                        "/api/health",
                        "/api/stats",
                        "/api/sources",
                        "/api/plugins",
                        "/api/readings",
                        "/api/readings/{sourceId}",
                        "/api/readings/{sourceId}/history",
                        "/api/actuators",
                        "/api/actuators/{actuatorId}",
                        "/ws");
    }

    @Test
    void pluginsReportTheirState() throws Exception {
        JsonNode plugins = json(call("GET", "/api/plugins", null, null));
        assertThat(plugins.findValuesAsText("name")).contains("system", "gpio", "simulated");
        for (JsonNode p : plugins) {
            if (p.path("name").asText().equals("simulated")) {
                assertThat(p.path("state").asText()).isEqualTo("RUNNING");
            }
        }
    }

    @Test
    void closedReadsNeedTheTokenToo() throws Exception {
        try (TestNode closed = TestNode.start(dir.resolve("closed"), """
                http:
                  open_reads: false
                plugins:
                  simulated: {enabled: true}
                """)) {
            HttpResponse<String> res = http.send(
                    HttpRequest.newBuilder(closed.uri("/api/readings")).build(), HttpResponse.BodyHandlers.ofString());
            assertError(res, 401, "token");
            HttpResponse<String> health = http.send(
                    HttpRequest.newBuilder(closed.uri("/api/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(new NodeClient(closed.uri(""), TestNode.TOKEN, Duration.ofSeconds(5)).latestReadings())
                    .isNotNull();
            URI ws = URI.create(closed.uri("/ws").toString().replace("http", "ws"));
            var failed = http.newWebSocketBuilder().buildAsync(ws, new java.net.http.WebSocket.Listener() {});
            assertThat(failed).failsWithin(Duration.ofSeconds(5));
        }
    }
}
