package io.smollama.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client against a real loopback HTTP server that plays the node. */
class NodeClientTest {

    private static final String HEALTH_OK = """
            {"status":"ok","node":"pi-1","role":"hub","version":"0.1.0","startedAt":"2026-03-01T10:00:00Z",
             "uptimeSeconds":930,
             "components":{"store":{"status":"UP","detail":"queue 0"},"plugin.gpio":{"status":"DEGRADED","detail":null}},
             "counts":{"readings":42},"build":{"commit":"c1db5e2"}}
            """;

    private static final String HEALTH_DOWN = """
            {"status":"down","node":"pi-1","role":"hub","version":"0.1.0","startedAt":"2026-03-01T10:00:00Z",
             "uptimeSeconds":12,"components":{"store":{"status":"DOWN","detail":"disk full"}},"counts":{},"build":{}}
            """;

    private static final String READING = """
            {"node":"pi-1","sourceType":"gpio","sourceId":"bank0/pin4","source":"gpio:bank0/pin4","value":1.0,
             "text":null,"unit":null,"timestamp":"2026-03-01T10:15:30.123Z","metadata":{}}
            """;

    private ScriptedNode node;

    @BeforeEach
    void startNode() throws Exception {
        node = ScriptedNode.start();
    }

    @AfterEach
    void stopNode() {
        node.close();
    }

    private NodeClient client(@Nullable String token) {
        return new NodeClient(node.uri(), token, Duration.ofSeconds(2));
    }

    @Test
    void healthParsesTheNodesDocument() throws Exception {
        node.answer(200, HEALTH_OK);

        Health h = client(null).health();

        assertThat(h.status()).isEqualTo("ok");
        assertThat(h.node()).isEqualTo("pi-1");
        assertThat(h.startedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(h.uptimeSeconds()).isEqualTo(930);
        assertThat(h.components())
                .containsEntry("store", ComponentHealth.up("queue 0"))
                .containsEntry("plugin.gpio", new ComponentHealth(ComponentHealth.Status.DEGRADED, null));
        assertThat(h.counts()).containsEntry("readings", 42L);
        ScriptedNode.Request seen = node.request();
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.rawPath()).isEqualTo("/api/health");
        assertThat(seen.header("Accept")).isEqualTo("application/json");
    }

    @Test
    void aNodeThatReportsItselfDownIsReturnedNotThrown() {
        node.answer(503, HEALTH_DOWN);

        Health h = client(null).health();

        assertThat(h.status()).isEqualTo("down");
        assertThat(h.components()).containsEntry("store", ComponentHealth.down("disk full"));
    }

    @Test
    void aHealth503WithAnErrorBodyInsteadOfAHealthDocumentIsTheNodesError() {
        node.answer(503, """
                {"error":{"code":"store_unavailable","message":"the node's database cannot answer right now"}}
                """);

        NodeApiException e =
                catchThrowableOfType(NodeApiException.class, () -> client(null).health());

        assertThat(e.status()).isEqualTo(503);
        assertThat(e.code()).isEqualTo("store_unavailable");
        assertThat(e.getMessage()).isEqualTo("the node's database cannot answer right now");
    }

    @Test
    void aHealth503ThatIsNotJsonIsA503NotABadResponse() {
        node.answer(503, "text/html", "<html>upstream unavailable</html>");

        NodeApiException e =
                catchThrowableOfType(NodeApiException.class, () -> client(null).health());

        assertThat(e.status()).isEqualTo(503);
        assertThat(e.code()).isEqualTo("http_503");
    }

    @Test
    void aJsonErrorCarriesTheNodesStatusCodeAndMessage() {
        node.answer(401, """
                {"error":{"code":"unauthorized","message":"a valid bearer token is required"}}
                """);

        NodeApiException e =
                catchThrowableOfType(NodeApiException.class, () -> client(null).stats());

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.code()).isEqualTo("unauthorized");
        assertThat(e.getMessage()).isEqualTo("a valid bearer token is required");
        assertThat(e.unreachable()).isFalse();
    }

    @Test
    void anErrorThatIsNotJsonGetsAGenericMessage() {
        node.answer(500, "text/html", "<html><body>Internal Server Error</body></html>");

        NodeApiException e =
                catchThrowableOfType(NodeApiException.class, () -> client(null).sources());

        assertThat(e.status()).isEqualTo(500);
        assertThat(e.code()).isEqualTo("http_500");
        assertThat(e.getMessage()).startsWith("HTTP 500 from ").contains("/api/sources");
    }

    @Test
    void anUnreadableSuccessfulAnswerIsABadResponse() {
        node.answer(200, "text/plain", "all good!");

        NodeApiException e =
                catchThrowableOfType(NodeApiException.class, () -> client(null).latestReadings());

        assertThat(e.status()).isEqualTo(502);
        assertThat(e.code()).isEqualTo("bad_response");
        assertThat(e.getMessage()).contains("unreadable answer").contains("/api/readings");
    }

    @Test
    void aClosedPortIsUnreachableAndSaysTheConnectionWasRefused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        NodeClient client = new NodeClient(URI.create("http://127.0.0.1:" + port), null, Duration.ofSeconds(2));

        NodeApiException e = catchThrowableOfType(NodeApiException.class, client::health);

        assertThat(e.unreachable()).isTrue();
        assertThat(e.status()).isZero();
        assertThat(e.code()).isEqualTo("unreachable");
        assertThat(e.getMessage())
                .contains("127.0.0.1:" + port)
                .contains("unreachable: connection refused")
                .doesNotContain("ConnectException");
        assertThat(e.getCause()).isNotNull();
    }

    @Test
    void aGivenTokenIsSentAsABearerAuthorization() throws Exception {
        node.answer(200, "[]");

        client("s3cret-token-value").plugins();

        assertThat(node.request().header("Authorization")).isEqualTo("Bearer s3cret-token-value");
    }

    @Test
    void noAuthorizationIsSentWithoutAToken() throws Exception {
        node.answer(200, "[]");

        client(null).plugins();
        client("  ").actuators();

        assertThat(node.request().header("Authorization")).isNull();
        assertThat(node.request().header("Authorization")).isNull();
    }

    @Test
    void latestIsEmptyWhenTheNodeHasNoReadingYet() {
        node.answer(404, """
                {"error":{"code":"not_found","message":"no reading for system:cpu_temp yet"}}
                """);

        assertThat(client(null).latest("system:cpu_temp")).isEmpty();
    }

    @Test
    void latestStillThrowsForOtherErrors() {
        node.answer(503, """
                {"error":{"code":"store_unavailable","message":"busy"}}
                """);

        assertThatThrownBy(() -> client(null).latest("system:cpu_temp"))
                .isInstanceOfSatisfying(
                        NodeApiException.class, e -> assertThat(e.status()).isEqualTo(503));
    }

    @Test
    void aSourceWithSlashAndColonIsPercentEncodedInThePath() throws Exception {
        node.answer(200, READING);

        assertThat(client(null).latest("gpio:bank0/pin4"))
                .hasValueSatisfying(r -> assertThat(r.source()).isEqualTo("gpio:bank0/pin4"));

        assertThat(node.request().rawPath()).isEqualTo("/api/readings/gpio%3Abank0%2Fpin4");
    }

    @Test
    void historyEncodesTheSourceAndSendsTheRangeAsIsoInstants() throws Exception {
        node.answer(200, """
                {"source":"gpio:bank0/pin4","from":"2026-03-01T00:00:00Z","to":"2026-03-01T01:00:00Z",
                 "resolution":"minute","bucketMillis":60000,
                 "points":[{"timestamp":"2026-03-01T00:00:00Z","avg":0.5,"min":0.0,"max":1.0,"count":60}]}
                """);

        History h = client(null)
                .history(
                        "gpio:bank0/pin4",
                        Instant.parse("2026-03-01T00:00:00Z"),
                        Instant.parse("2026-03-01T01:00:00Z"),
                        200);

        assertThat(h.points()).containsExactly(new HistoryPoint(Instant.parse("2026-03-01T00:00:00Z"), 0.5, 0, 1, 60));
        ScriptedNode.Request seen = node.request();
        assertThat(seen.rawPath()).isEqualTo("/api/readings/gpio%3Abank0%2Fpin4/history");
        assertThat(seen.rawQuery()).isEqualTo("from=2026-03-01T00:00:00Z&to=2026-03-01T01:00:00Z&maxPoints=200");
    }

    @Test
    void actPostsTheParamsAsJsonAndParsesTheResult() throws Exception {
        node.answer(200, """
                {"actuator":"relay-1","ok":true,"message":"relay-1 is on for 5 s","state":{"on":true},
                 "at":"2026-03-01T10:15:30Z"}
                """);

        ActionResult result = client(null).act("relay-1", Map.of("on", true, "seconds", 5));

        assertThat(result.ok()).isTrue();
        assertThat(result.actuator()).isEqualTo("relay-1");
        assertThat(result.message()).isEqualTo("relay-1 is on for 5 s");
        assertThat(result.state()).containsEntry("on", true);
        assertThat(result.at()).isEqualTo(Instant.parse("2026-03-01T10:15:30Z"));
        ScriptedNode.Request seen = node.request();
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.rawPath()).isEqualTo("/api/actuators/relay-1");
        assertThat(seen.header("Content-Type")).isEqualTo("application/json");
        assertThat(Json.mapper().readTree(seen.body()))
                .isEqualTo(Json.mapper().readTree("{\"on\":true,\"seconds\":5}"));
    }

    @Test
    void aTrailingSlashInTheBaseUriIsTolerated() throws Exception {
        node.answer(200, HEALTH_OK);
        NodeClient client = new NodeClient(URI.create(node.uri() + "/"), null, Duration.ofSeconds(2));

        assertThat(client.health().status()).isEqualTo("ok");
        assertThat(client.baseUri()).isEqualTo(node.uri());
        assertThat(node.request().rawPath()).isEqualTo("/api/health");
    }

    @Test
    @Timeout(60) // a guard only: before the fix, close() waited for the answer, which never ends here
    void closingTheClientEndsAChatThatIsStillStreamingInsteadOfWaitingForIt() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread nodeThatNeverFinishes = Thread.ofPlatform().daemon().start(() -> {
                try (Socket s = server.accept()) {
                    s.getOutputStream()
                            .write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                                            + "Transfer-Encoding: chunked\r\n\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
                    String frame = "event: session\ndata: {\"sessionId\":\"s1\",\"kind\":\"session\"}\n\n";
                    s.getOutputStream()
                            .write((Integer.toHexString(frame.length()) + "\r\n" + frame + "\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    s.getInputStream().transferTo(OutputStream.nullOutputStream()); // holds until the client goes
                } catch (IOException e) {
                    // the client went away: what this test wants
                }
            });
            NodeClient client = new NodeClient(
                    URI.create("http://127.0.0.1:" + server.getLocalPort()), null, Duration.ofSeconds(5));
            CountDownLatch streaming = new CountDownLatch(1);
            AtomicReference<@Nullable Object> outcome = new AtomicReference<>();
            Thread asker = Thread.ofPlatform().start(() -> {
                try {
                    outcome.set(client.chat(
                            new ChatRequest("s1", "hello"), Duration.ofMinutes(10), e -> streaming.countDown()));
                } catch (RuntimeException e) {
                    outcome.set(e);
                }
            });
            streaming.await();

            client.close();
            asker.join();

            assertThat(outcome.get()).isInstanceOfSatisfying(NodeApiException.class, e -> assertThat(e.getMessage())
                    .contains("was cut off"));
            nodeThatNeverFinishes.interrupt();
        }
    }
}
