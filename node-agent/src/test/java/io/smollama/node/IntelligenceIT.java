package io.smollama.node;

import static io.smollama.node.testsupport.ScriptedOllama.text;
import static io.smollama.node.testsupport.ScriptedOllama.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smollama.common.ChatEvent;
import io.smollama.common.ChatMessage;
import io.smollama.common.ChatRequest;
import io.smollama.common.ComponentHealth;
import io.smollama.common.Json;
import io.smollama.common.Memory;
import io.smollama.common.Observation;
import io.smollama.node.cli.SmollamaNode;
import io.smollama.node.testsupport.ScriptedOllama;
import io.smollama.node.testsupport.TestNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory, observation loop and agent together in a real node ({@link TestNode}: real SQLite, the real
 * in-process embedder, HTTP and WebSocket on loopback) with {@link ScriptedOllama} as the LLM.
 */
class IntelligenceIT {

    @TempDir
    Path dir;

    /** The observation loop's requests: it alone asks Ollama for {@code format: json}. */
    static final Predicate<JsonNode> OBSERVATION_ROUND =
            req -> req.path("format").asText().equals("json");

    static final String NOTHING_NOTABLE = "{\"observations\":[],\"memories\":[]}";

    /** A node that observes every 5 s (the shortest the schema allows) over simulated sensors. */
    static String observingOverlay(ScriptedOllama ollama) {
        return """
                ollama:
                  url: %s
                  connect_timeout: 1s
                  timeout: 10s
                agent:
                  retries: 0
                  retry_backoff: 10ms
                observe:
                  interval: 5s
                  min_interval: 5s
                  max_interval: 10s
                  lookback: 1m
                plugins:
                  simulated:
                    enabled: true
                    interval: 200ms
                """.formatted(ollama.url());
    }

    static String chattingOverlay(ScriptedOllama ollama, String fallback) {
        return """
                ollama:
                  url: %s
                  connect_timeout: 1s
                  timeout: 10s
                agent:
                  retries: 0
                  retry_backoff: 10ms
                  fallback: %s
                  queue_check_interval: 100ms
                observe:
                  enabled: false
                """.formatted(ollama.url(), fallback);
    }

    static <T> T await(String what, Duration limit, Supplier<@Nullable T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    static @Nullable Observation find(List<Observation> observations, Predicate<Observation> p) {
        return observations.stream().filter(p).findFirst().orElse(null);
    }

    @Test
    void theLoopAsksTheLlmAndItsObservationsAndMemoriesReachTheApiTheWebSocketAndStatus() throws Exception {
        try (ScriptedOllama ollama = ScriptedOllama.start();
                TestNode node = TestNode.start(dir, observingOverlay(ollama));
                EventSocket events = EventSocket.open(node)) {
            ollama.replyWhen(
                            OBSERVATION_ROUND,
                            text("{\"observations\":[{\"text\":\"The simulated room stays at a comfortable"
                                    + " temperature\",\"type\":\"pattern\",\"confidence\":0.8,"
                                    + "\"related_sources\":[\"simulated:temperature\",\"nowhere:else\"]}],"
                                    + "\"memories\":[{\"fact\":\"The simulated room is a quiet office\","
                                    + "\"confidence\":0.7}]}"))
                    .alwaysReplyWhen(OBSERVATION_ROUND, text(NOTHING_NOTABLE));

            Observation seen = await(
                    "the LLM's observation in GET /api/observations",
                    Duration.ofSeconds(30),
                    () -> find(node.client().observations(null, 50, null, null), o -> o.text()
                            .contains("comfortable temperature")));
            assertThat(seen.type()).isEqualTo("pattern");
            assertThat(seen.source()).isEqualTo("llm");
            assertThat(seen.confidence()).isEqualTo(0.8);
            assertThat(seen.node()).isEqualTo("test-node");
            assertThat(seen.relatedSources()).containsExactly("simulated:temperature");
            Memory fact = await(
                    "the LLM's memory in GET /api/memories",
                    Duration.ofSeconds(10),
                    () -> node.client().memories(null, 50).stream()
                            .filter(m -> m.fact().equals("The simulated room is a quiet office"))
                            .findFirst()
                            .orElse(null));
            assertThat(fact.confidence()).isEqualTo(0.7);
            assertThat(node.client().memories("what kind of room is this?", 5))
                    .first()
                    .extracting(Memory::fact)
                    .isEqualTo("The simulated room is a quiet office");

            JsonNode observationEvent =
                    events.await(e -> e.path("type").asText().equals("observation")
                            && e.at("/data/text").asText().contains("comfortable temperature"));
            assertThat(observationEvent.at("/data/id").asText()).isEqualTo(seen.id());
            JsonNode memoryEvent = events.await(e -> e.path("type").asText().equals("memory"));
            assertThat(memoryEvent.at("/data/id").asText()).isEqualTo(fact.id());

            JsonNode asked = ollama.chatRequests().stream()
                    .filter(OBSERVATION_ROUND)
                    .findFirst()
                    .orElseThrow();
            assertThat(asked.path("model").asText()).isEqualTo(ScriptedOllama.CHAT_MODEL);
            assertThat(ScriptedOllama.lastMessage(asked).path("content").asText())
                    .contains("simulated:temperature (°C): latest")
                    .contains("simulated:motion (binary)");

            String nextPrompt = await(
                    "a later round that shows the model what the memory holds",
                    Duration.ofSeconds(20),
                    () -> ollama.chatRequests().stream()
                            .filter(OBSERVATION_ROUND)
                            .skip(1)
                            .map(r -> ScriptedOllama.lastMessage(r)
                                    .path("content")
                                    .asText())
                            .findFirst()
                            .orElse(null));
            assertThat(nextPrompt)
                    .contains("Relevant past observations and facts:")
                    .contains("[pattern, " + seen.createdAt() + "] " + seen.text())
                    .contains("[fact] The simulated room is a quiet office");

            ComponentHealth observe = node.client().health().components().get("observe");
            assertThat(observe.status()).isEqualTo(ComponentHealth.Status.UP);
            assertThat(observe.detail()).startsWith("every 5s (").contains("; last round ");

            Path config = Files.writeString(
                    Files.createDirectories(dir.resolve("cli")).resolve("smollama.yaml"), "");
            StringWriter out = new StringWriter();
            int code = SmollamaNode.execute(
                    new String[] {"status", "--url", node.agent().baseUri().toString(), "-c", config.toString()},
                    new PrintWriter(out, true),
                    new PrintWriter(new StringWriter(), true));
            assertThat(code).isZero();
            assertThat(out.toString()).containsPattern("(?m)^\\s+observe\\s+UP\\s+every 5s \\(.+\\)");
        }
    }

    @Test
    void aFencedAnswerWithTrailingCommasIsRepairedAndGarbageTwiceStoresNothing() throws Exception {
        try (ScriptedOllama ollama = ScriptedOllama.start();
                TestNode node = TestNode.start(dir, observingOverlay(ollama))) {
            ollama.replyWhen(
                            OBSERVATION_ROUND,
                            text("Here you go:\n```json\n{\"observations\":[{\"text\":\"Humidity in the simulated"
                                    + " room is steady\",\"type\":\"status\",\"confidence\":0.75,"
                                    + "\"related_sources\":[\"simulated:humidity\",],},],\"memories\":[],}\n```\n"))
                    .replyWhen(OBSERVATION_ROUND, text("The room looks fine to me {\"observations\": [oops"))
                    .replyWhen(OBSERVATION_ROUND, text("Sorry, I cannot produce JSON today."))
                    .alwaysReplyWhen(OBSERVATION_ROUND, text(NOTHING_NOTABLE));

            Observation repaired = await(
                    "the repaired observation",
                    Duration.ofSeconds(30),
                    () -> find(node.client().observations(null, 50, null, null), o -> o.text()
                            .contains("Humidity")));
            assertThat(repaired.text()).isEqualTo("Humidity in the simulated room is steady");
            assertThat(repaired.type()).isEqualTo("status");
            assertThat(repaired.confidence()).isEqualTo(0.75);
            assertThat(repaired.relatedSources()).containsExactly("simulated:humidity");

            await(
                    "a round that gave up on an unreadable answer",
                    Duration.ofSeconds(30),
                    () -> node.client()
                                    .health()
                                    .components()
                                    .get("observe")
                                    .detail()
                                    .contains("unreadable answer")
                            ? true
                            : null);
            List<JsonNode> rounds =
                    ollama.chatRequests().stream().filter(OBSERVATION_ROUND).toList();
            assertThat(rounds).hasSizeGreaterThanOrEqualTo(3);
            assertThat(ScriptedOllama.lastMessage(rounds.get(2)).path("content").asText())
                    .as("the retry says what was wrong")
                    .contains("Your previous answer could not be used");

            assertThat(node.client().observations(null, 100, null, null))
                    .as("only the repaired observation is stored")
                    .extracting(Observation::text)
                    .containsExactly("Humidity in the simulated room is steady");
            assertThat(node.client().memories(null, 100)).isEmpty();
            String export = HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(node.uri("/api/export"))
                                    .header("Authorization", "Bearer " + TestNode.TOKEN)
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(export.lines()).hasSize(1);
            assertThat(export).doesNotContain("oops").doesNotContain("Sorry");
            assertThat(node.client().health().components().get("observe").status())
                    .as("an unreadable answer is logged, not a failed round")
                    .isEqualTo(ComponentHealth.Status.UP);
        }
    }

    @Test
    void withOllamaDownStatisticsAreWrittenAndWhenItIsBackTheLlmIsUsedAgain() throws Exception {
        try (ScriptedOllama ollama = ScriptedOllama.start()) {
            ollama.down();
            try (TestNode node = TestNode.start(dir, observingOverlay(ollama))) {
                Observation statistical = await(
                        "a statistical observation",
                        Duration.ofSeconds(30),
                        () -> find(node.client().observations(null, 50, null, null), o -> o.source()
                                .equals("statistics")));
                assertThat(statistical.relatedSources()).hasSize(1);
                assertThat(statistical.text())
                        .startsWith(statistical.relatedSources().getFirst());
                String roundByStatistics = await("the round by statistics in health", Duration.ofSeconds(10), () -> {
                    String d =
                            node.client().health().components().get("observe").detail();
                    return d.contains("by statistics") ? d : null;
                });
                assertThat(roundByStatistics).contains("LLM not usable");
                assertThat(node.client().observations(null, 50, null, null))
                        .as("the motion count of the simulated room, and no new extreme that says nothing")
                        .anySatisfy(o -> assertThat(o.text()).startsWith("simulated:motion: "))
                        .noneSatisfy(o -> assertThat(o.text())
                                .matches(".* (?:reached|fell to) ([^,]+), .*\\(previous (?:high|low) \\1\\)"));
                assertThat(node.client()
                                .recall(new io.smollama.common.RecallQuery(
                                        "how much movement was there in the room?",
                                        5,
                                        java.util.Set.of("observation"),
                                        null,
                                        null,
                                        null,
                                        false)))
                        .as("statistical observations are searchable in the real memory")
                        .isNotEmpty();

                ollama.replyWhen(
                                OBSERVATION_ROUND,
                                text("{\"observations\":[{\"text\":\"Ollama is back and the room is calm\","
                                        + "\"type\":\"general\",\"confidence\":0.6}]}"))
                        .alwaysReplyWhen(OBSERVATION_ROUND, text(NOTHING_NOTABLE));
                ollama.up();
                Observation byLlm = await(
                        "an LLM observation once Ollama is back",
                        Duration.ofSeconds(40),
                        () -> find(node.client().observations(null, 50, null, null), o -> o.source()
                                .equals("llm")));
                assertThat(byLlm.text()).isEqualTo("Ollama is back and the room is calm");
                await(
                        "the round by the LLM in health",
                        Duration.ofSeconds(10),
                        () -> node.client()
                                        .health()
                                        .components()
                                        .get("observe")
                                        .detail()
                                        .contains("by llm")
                                ? true
                                : null);
            }
        }
    }

    @Test
    void aFactTheModelRememberedIsRecalledByAParaphraseLaterAndTheToolResultCarriesIt() throws Exception {
        String fact = "The greenhouse door sticks whenever it rains";
        String distractor = "Rain sensor readings in the greenhouse are logged every door-open event";
        try (ScriptedOllama ollama = ScriptedOllama.start();
                TestNode node = TestNode.start(dir, chattingOverlay(ollama, "skip"))) {
            node.client().remember(distractor, 0.9);
            node.client().remember("The fan is rated for 12 volts", 0.9);

            String noticed = "The greenhouse door was stuck after this morning's rain";
            ollama.reply(ScriptedOllama.toolCalls(
                            new ScriptedOllama.Reply.Call("remember", "{\"fact\":\"" + fact + "\",\"confidence\":0.9}"),
                            new ScriptedOllama.Reply.Call(
                                    "observe",
                                    "{\"text\":\"" + noticed + "\",\"type\":\"status\","
                                            + "\"related_sources\":[\"memory_percent\",\"greenhouse:door\"]}")))
                    .reply(toolCall(
                            "observe",
                            "{\"text\":\"" + noticed + "\",\"type\":\"status\","
                                    + "\"related_sources\":[\"memory_percent\"]}"))
                    .reply(text("Noted: the door sticks when it rains."));
            node.awaitReadings("system:memory_percent", 1);
            List<ChatEvent> firstEvents = new CopyOnWriteArrayList<>();
            ChatEvent first = node.client()
                    .chat(
                            new ChatRequest(null, "Remember that the greenhouse door sticks whenever it rains."),
                            Duration.ofSeconds(30),
                            firstEvents::add);
            assertThat(first.kind()).isEqualTo("done");
            List<ChatEvent> results = firstEvents.stream()
                    .filter(e -> e.kind().equals("tool_result"))
                    .toList();
            assertThat(results).extracting(ChatEvent::tool).containsExactly("remember", "observe", "observe");
            assertThat(results.get(1).error())
                    .as("an observation about a source the node does not have goes back to the model")
                    .isTrue();
            assertThat(results.get(1).text()).contains("'greenhouse:door'").contains("list_sources");
            assertThat(results.get(2).error()).isFalse();
            assertThat(node.client().observations(null, 10, null, null))
                    .singleElement()
                    .satisfies(o -> {
                        assertThat(o.text()).isEqualTo(noticed);
                        assertThat(o.source()).isEqualTo("agent");
                        assertThat(o.relatedSources()).containsExactly("system:memory_percent");
                    });
            Memory stored = node.client().memories(null, 10).stream()
                    .filter(m -> m.fact().equals(fact))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("the remembered fact is not in GET /api/memories"));
            assertThat(stored.confidence()).isEqualTo(0.9);

            String paraphrase = "which entrance gets jammed in wet weather";
            ollama.reply(toolCall("recall", "{\"query\":\"" + paraphrase + "\",\"limit\":2,\"kind\":\"memory\"}"))
                    .reply(text("The greenhouse door jams when it rains."));
            List<ChatEvent> seen = new CopyOnWriteArrayList<>();
            ChatEvent second = node.client()
                    .chat(
                            new ChatRequest(first.sessionId(), "Is there a door that jams when it is wet outside?"),
                            Duration.ofSeconds(30),
                            seen::add);
            assertThat(second.kind()).isEqualTo("done");
            assertThat(second.text()).isEqualTo("The greenhouse door jams when it rains.");

            ChatEvent result = seen.stream()
                    .filter(e -> e.kind().equals("tool_result"))
                    .findFirst()
                    .orElseThrow();
            assertThat(result.tool()).isEqualTo("recall");
            JsonNode hits = Json.mapper().readTree(result.text());
            assertThat(hits.get(0).path("fact").asText())
                    .as("the paraphrase finds the fact first, not the keyword distractor")
                    .isEqualTo(fact);
            assertThat(hits.get(0).path("id").asText()).isEqualTo(stored.id());

            JsonNode toModel = ScriptedOllama.lastMessage(ollama.chatRequests().getLast());
            assertThat(toModel.path("role").asText()).isEqualTo("tool");
            assertThat(toModel.path("content").asText()).contains(fact);
            String content = toModel.path("content").asText();
            if (content.contains(distractor)) {
                assertThat(content.indexOf(fact))
                        .as("the fact comes before the distractor in what the model reads")
                        .isLessThan(content.indexOf(distractor));
            }
        }
    }

    @Test
    void aQuestionQueuedWhileOllamaIsDownIsAnsweredIntoItsSessionAfterARestart() throws Exception {
        try (ScriptedOllama ollama = ScriptedOllama.start()) {
            ollama.down();
            String sessionId;
            try (TestNode node = TestNode.start(dir, chattingOverlay(ollama, "queue"))) {
                ChatEvent queued = node.client()
                        .chat(new ChatRequest(null, "Is the fan running?"), Duration.ofSeconds(30), e -> {});
                assertThat(queued.kind()).isEqualTo("queued");
                sessionId = queued.sessionId();
                ComponentHealth llm = node.client().health().components().get("llm");
                assertThat(llm.status()).isEqualTo(ComponentHealth.Status.DEGRADED);
                assertThat(llm.detail()).contains("1 questions queued");
            }

            try (TestNode node = TestNode.start(dir, chattingOverlay(ollama, "queue"));
                    EventSocket events = EventSocket.open(node)) {
                assertThat(node.client().health().components().get("llm").detail())
                        .as("the queue survived the restart")
                        .contains("1 questions queued");
                ollama.reply(text("No, the fan is off."));
                ollama.up();

                ChatMessage answer = await(
                        "the queued question's answer in its session",
                        Duration.ofSeconds(20),
                        () -> node.client().chatTranscript(sessionId).messages().stream()
                                .filter(m -> m.role().equals("assistant"))
                                .findFirst()
                                .orElse(null));
                assertThat(answer.content()).isEqualTo("No, the fan is off.");
                assertThat(node.client().chatTranscript(sessionId).messages())
                        .extracting(ChatMessage::role)
                        .containsExactly("user", "assistant");
                JsonNode done = events.await(e -> e.path("type").asText().equals("chat")
                        && e.at("/data/kind").asText().equals("done"));
                assertThat(done.at("/data/sessionId").asText()).isEqualTo(sessionId);
                assertThat(ScriptedOllama.lastMessage(ollama.chatRequests().getLast())
                                .path("content")
                                .asText())
                        .isEqualTo("Is the fan running?");
                await(
                        "the queue to be empty",
                        Duration.ofSeconds(10),
                        () -> node.client().health().components().get("llm").status() == ComponentHealth.Status.UP
                                ? true
                                : null);
            }
        }
    }

    /** A WebSocket client of {@code /ws} that keeps every event it receives. */
    static final class EventSocket implements AutoCloseable {

        private final List<JsonNode> received = new CopyOnWriteArrayList<>();
        private @Nullable WebSocket ws;

        static EventSocket open(TestNode node) throws Exception {
            EventSocket s = new EventSocket();
            s.ws = HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .header("Authorization", "Bearer " + TestNode.TOKEN)
                    .buildAsync(
                            URI.create(node.uri("/ws").toString().replaceFirst("^http", "ws")),
                            new WebSocket.Listener() {
                                final StringBuilder partial = new StringBuilder();

                                @Override
                                public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                                    partial.append(data);
                                    if (last) {
                                        try {
                                            s.received.add(Json.mapper().readTree(partial.toString()));
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
            return s;
        }

        JsonNode await(Predicate<JsonNode> p) throws InterruptedException {
            return IntelligenceIT.await(
                    "a WebSocket event",
                    Duration.ofSeconds(10),
                    () -> received.stream().filter(p).findFirst().orElse(null));
        }

        @Override
        public void close() throws Exception {
            if (ws != null) {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
            }
        }
    }
}
