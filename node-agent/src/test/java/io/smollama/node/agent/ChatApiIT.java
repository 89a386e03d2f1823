package io.smollama.node.agent;

import static io.smollama.node.testsupport.ScriptedOllama.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.common.ChatEvent;
import io.smollama.common.ChatMessage;
import io.smollama.common.ChatRequest;
import io.smollama.common.Json;
import io.smollama.node.testsupport.ScriptedOllama;
import io.smollama.node.testsupport.TestNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chat API of a whole node-agent ({@link TestNode}) wired to {@link ScriptedOllama}. */
class ChatApiIT {

    @TempDir
    Path dir;

    static String overlay(ScriptedOllama ollama) {
        return """
                ollama:
                  url: %s
                agent:
                  retry_backoff: 10ms
                  queue_check_interval: 100ms
                """.formatted(ollama.url());
    }

    @Test
    void chatWithoutTheTokenIs401AndABadBodyIs400() throws Exception {
        try (ScriptedOllama ollama = ScriptedOllama.start();
                TestNode node = TestNode.start(dir, overlay(ollama))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> noToken = http.send(
                    HttpRequest.newBuilder(node.uri("/api/chat"))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"hi\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(noToken.statusCode()).isEqualTo(401);
            assertThat(Json.mapper().readTree(noToken.body()).at("/error/code").asText())
                    .isEqualTo("unauthorized");

            for (String bad :
                    List.of("", "[1]", "{\"message\":42}", "{\"message\":\"hi\",\"model\":\"x\"}", "{\"mess")) {
                HttpResponse<String> res = http.send(
                        HttpRequest.newBuilder(node.uri("/api/chat"))
                                .header("Authorization", "Bearer " + TestNode.TOKEN)
                                .POST(HttpRequest.BodyPublishers.ofString(bad))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(res.statusCode()).as(bad).isEqualTo(400);
                assertThat(res.headers().firstValue("Content-Type")).hasValue("application/json");
                assertThat(Json.mapper().readTree(res.body()).at("/error/code").asText())
                        .isEqualTo("bad_request");
            }
            assertThat(ollama.chatRequests()).isEmpty();
        }
    }

    @Test
    void theAnswerStreamsAsServerSentEventsAndTheHealthShowsTheLlm() throws Exception {
        try (ScriptedOllama ollama = ScriptedOllama.start();
                TestNode node = TestNode.start(dir, overlay(ollama))) {
            ollama.reply(text("All quiet here."));
            HttpResponse<String> res = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(node.uri("/api/chat"))
                                    .header("Authorization", "Bearer " + TestNode.TOKEN)
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"Status?\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
            assertThat(res.body())
                    .startsWith("event: session\ndata: {")
                    .contains("event: token\n")
                    .endsWith("\n\n");
            assertThat(res.body().lines().filter(l -> l.startsWith("event: ")).toList())
                    .startsWith("event: session")
                    .endsWith("event: done");

            HttpResponse<String> openapi = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(node.uri("/openapi?format=json"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(Json.mapper().readTree(openapi.body()).path("paths").fieldNames())
                    .toIterable()
                    .contains("/api/chat", "/api/chat/{sessionId}");

            var llm = node.client().health().components().get("llm");
            assertThat(llm.status()).isEqualTo(io.smollama.common.ComponentHealth.Status.UP);
            assertThat(llm.detail()).contains(ScriptedOllama.CHAT_MODEL);
        }
    }

    @Test
    void eachEventIsFlushedAsItHappensNotWhenTheAnswerEnds() throws Exception {
        try (ScriptedOllama ollama = ScriptedOllama.start();
                TestNode node = TestNode.start(dir, overlay(ollama))) {
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            ollama.holdStreams(release).reply(text("one two three"));
            List<String> seenWhileHeld = new ArrayList<>();
            ChatEvent last = node.client().chat(new ChatRequest(null, "Count"), Duration.ofSeconds(30), e -> {
                if (release.getCount() == 1) {
                    seenWhileHeld.add(e.kind());
                    if (e.kind().equals("token") && e.text().startsWith("three")) {
                        release.countDown();
                    }
                }
            });
            // every token reached the client while Ollama still held back the end of its answer
            assertThat(ollama.holdTimedOut()).isFalse();
            assertThat(seenWhileHeld).containsExactly("session", "token", "token", "token");
            assertThat(last.kind()).isEqualTo("done");
        }
    }

    @Test
    void sessionHistoryPersistsAcrossANodeRestart() throws Exception {
        String session;
        try (ScriptedOllama ollama = ScriptedOllama.start()) {
            try (TestNode node = TestNode.start(dir, overlay(ollama))) {
                ollama.reply(text("Noted: the fan is in the attic."));
                List<ChatEvent> events = new ArrayList<>();
                node.client()
                        .chat(new ChatRequest(null, "The fan is in the attic"), Duration.ofSeconds(20), events::add);
                session = events.getFirst().sessionId();
            }
            try (TestNode node = TestNode.start(dir, overlay(ollama))) {
                assertThat(node.client().chatTranscript(session).messages())
                        .extracting(ChatMessage::role, ChatMessage::content)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple("user", "The fan is in the attic"),
                                org.assertj.core.groups.Tuple.tuple("assistant", "Noted: the fan is in the attic."));
                ollama.reply(text("In the attic."));
                ChatEvent last = node.client()
                        .chat(new ChatRequest(session, "Where is the fan?"), Duration.ofSeconds(20), e -> {});
                assertThat(last.kind()).isEqualTo("done");
                assertThat(ollama.chatRequests().getLast().path("messages").findValuesAsText("content"))
                        .contains("The fan is in the attic", "Noted: the fan is in the attic.", "Where is the fan?");
            }
        }
    }

    @Test
    void aSecondQuestionInTheSameSessionWaitsForTheFirstAnswerAndSeesIt() throws Exception {
        try (ScriptedOllama ollama = ScriptedOllama.start();
                TestNode node = TestNode.start(dir, overlay(ollama))) {
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            ollama.holdStreams(release).reply(text("The fan is on.")).reply(text("The door is shut."));
            String session = "kitchen";
            java.util.concurrent.CountDownLatch firstStreaming = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CompletableFuture<ChatEvent> first =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> node.client()
                            .chat(new ChatRequest(session, "Is the fan on?"), Duration.ofSeconds(30), e -> {
                                if (e.kind().equals("token")) {
                                    firstStreaming.countDown();
                                }
                            }));
            assertThat(firstStreaming.await(20, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            java.util.concurrent.CountDownLatch secondAccepted = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CompletableFuture<ChatEvent> second =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> node.client()
                            .chat(new ChatRequest(session, "Is the door shut?"), Duration.ofSeconds(30), e -> {
                                if (e.kind().equals("session")) {
                                    secondAccepted.countDown();
                                }
                            }));
            assertThat(secondAccepted.await(20, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            release.countDown();
            assertThat(first.get(30, java.util.concurrent.TimeUnit.SECONDS).kind())
                    .isEqualTo("done");
            assertThat(second.get(30, java.util.concurrent.TimeUnit.SECONDS).kind())
                    .isEqualTo("done");

            // the second question was put to the model after the first answer, as the last message
            assertThat(ollama.chatRequests().getLast().path("messages").findValuesAsText("content"))
                    .containsSubsequence("Is the fan on?", "The fan is on.", "Is the door shut?")
                    .last()
                    .isEqualTo("Is the door shut?");
            assertThat(node.client().chatTranscript(session).messages())
                    .extracting(ChatMessage::content)
                    .containsExactly("Is the fan on?", "The fan is on.", "Is the door shut?", "The door is shut.");
        }
    }
}
