package io.smollama.node.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smollama.common.Json;
import io.smollama.node.testsupport.TestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The /ws endpoint pushes readings as they are stored, and honours a client's source filter. */
class EventStreamIT {

    @TempDir
    static Path dir;

    static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start(dir, """
                plugins:
                  simulated:
                    enabled: true
                    interval: 100ms
                """);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static class Collector implements WebSocket.Listener {
        final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(Json.mapper().readTree(partial.toString()));
                } catch (Exception e) {
                    throw new AssertionError("server sent malformed JSON: " + partial, e);
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        JsonNode next(java.util.function.Predicate<JsonNode> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                JsonNode m = messages.poll(100, TimeUnit.MILLISECONDS);
                if (m != null && wanted.test(m)) {
                    return m;
                }
            }
            throw new AssertionError("no matching WebSocket message within 10 s");
        }
    }

    WebSocket connect(Collector c) {
        URI ws = URI.create(node.uri("/ws").toString().replaceFirst("^http", "ws"));
        return HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(ws, c)
                .orTimeout(5, TimeUnit.SECONDS)
                .join();
    }

    @Test
    void pushesEachStoredReadingAsAReadingEvent() throws Exception {
        Collector c = new Collector();
        WebSocket ws = connect(c);
        JsonNode event = c.next(m -> m.path("type").asText().equals("reading"));
        assertThat(event.path("node").asText()).isEqualTo("test-node");
        JsonNode data = event.path("data");
        assertThat(data.path("source").asText()).matches("(simulated|system):.+");
        // millisecond precision, like the stored row and the REST API
        assertThat(data.path("timestamp").asText()).matches(".*T\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?Z");
        // what was pushed is already stored
        String source = data.path("source").asText();
        assertThat(node.client().stats().readingsBySource().get(source)).isPositive();
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    @Test
    void subscribeNarrowsReadingsToTheChosenSources() throws Exception {
        Collector c = new Collector();
        WebSocket ws = connect(c);
        ws.sendText("{\"type\":\"subscribe\",\"sources\":[\"simulated:humidity\"]}", true)
                .join();
        c.next(m -> m.path("type").asText().equals("notice"));
        c.messages.clear();
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sources.add(c.next(m -> m.path("type").asText().equals("reading"))
                    .path("data")
                    .path("source")
                    .asText());
        }
        assertThat(sources).containsOnly("simulated:humidity");
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    @Test
    void clientsAreToldGoodbyeWhenTheNodeShutsDown() throws Exception {
        java.util.concurrent.CompletableFuture<Integer> closed = new java.util.concurrent.CompletableFuture<>();
        try (TestNode leaving = TestNode.start(dir.resolve("leaving"), "plugins:\n  simulated: {enabled: true}\n")) {
            URI uri = URI.create(leaving.uri("/ws").toString().replaceFirst("^http", "ws"));
            HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .buildAsync(uri, new Collector() {
                        @Override
                        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
                            closed.complete(status);
                            return null;
                        }
                    })
                    .get(5, TimeUnit.SECONDS);
            leaving.close();
        }
        assertThat(closed.get(5, TimeUnit.SECONDS)).isEqualTo(1001);
    }

    @Test
    void clientPingsAreAnswered() throws Exception {
        java.util.concurrent.CompletableFuture<String> pong = new java.util.concurrent.CompletableFuture<>();
        Collector c = new Collector() {
            @Override
            public CompletionStage<?> onPong(WebSocket ws, java.nio.ByteBuffer message) {
                byte[] bytes = new byte[message.remaining()];
                message.get(bytes);
                pong.complete(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
                ws.request(1);
                return null;
            }
        };
        WebSocket ws = connect(c);
        ws.sendPing(java.nio.ByteBuffer.wrap("are-you-there".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .join();
        assertThat(pong.get(5, TimeUnit.SECONDS)).isEqualTo("are-you-there");
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    @Test
    void aFragmentedSubscribeMessageIsAssembled() throws Exception {
        Collector c = new Collector();
        WebSocket ws = connect(c);
        ws.sendText("{\"type\":\"subscribe\",", false).join();
        ws.sendText("\"sources\":[\"simulated:light\"]}", true).join();
        JsonNode notice = c.next(m -> m.path("type").asText().equals("notice"));
        assertThat(notice.path("data").path("message").asText()).isEqualTo("subscribed to 1 sources");
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    @Test
    void malformedClientMessageGetsANoticeNotADisconnect() throws Exception {
        Collector c = new Collector();
        WebSocket ws = connect(c);
        ws.sendText("{not json", true).join();
        JsonNode notice = c.next(m -> m.path("type").asText().equals("notice"));
        assertThat(notice.path("data").path("message").asText()).contains("malformed");
        assertThat(notice.path("node").asText()).isEqualTo("test-node");
        c.next(m -> m.path("type").asText().equals("reading"));
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }
}
