package io.smollama.node.agent;

import static io.smollama.node.testsupport.ScriptedOllama.lastMessage;
import static io.smollama.node.testsupport.ScriptedOllama.lastMessageContains;
import static io.smollama.node.testsupport.ScriptedOllama.lastMessageIsToolResult;
import static io.smollama.node.testsupport.ScriptedOllama.text;
import static io.smollama.node.testsupport.ScriptedOllama.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smollama.common.ChatEvent;
import io.smollama.common.ChatMessage;
import io.smollama.common.ChatRequest;
import io.smollama.common.ChatTranscript;
import io.smollama.common.NodeEvent;
import io.smollama.node.testsupport.ScriptedOllama;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tool-calling loop through the real LangChain4j Ollama client, against {@link ScriptedOllama}. */
class AgentLoopIT {

    @TempDir
    Path dir;

    private ChatFixture f;

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    private List<ChatEvent> ask(String question) {
        return ask(null, question);
    }

    private List<ChatEvent> ask(String session, String question) {
        List<ChatEvent> events = new CopyOnWriteArrayList<>();
        f.client.chat(new ChatRequest(session, question), Duration.ofSeconds(30), events::add);
        return events;
    }

    private static List<String> kinds(List<ChatEvent> events) {
        return events.stream().map(ChatEvent::kind).distinct().toList();
    }

    @Test
    void modelReadsASourceThenRecallsThenAnswersAndTheStreamShowsEveryStep() throws Exception {
        f = new ChatFixture(dir, AgentSettings.Fallback.SKIP);
        f.reading("sim", "greenhouse_temp", 31.5, "°C");
        f.memory.with("The greenhouse vents open when it is warmer than 28 °C");
        f.ollama
                .replyWhen(
                        lastMessageContains("how warm"),
                        toolCall("read_source", "{\"source\":\"sim:greenhouse_temp\"}"))
                .replyWhen(
                        lastMessageIsToolResult().and(lastMessageContains("31.5")),
                        toolCall("recall", "{\"query\":\"greenhouse vents warm\"}"))
                .replyWhen(
                        lastMessageIsToolResult().and(lastMessageContains("vents open")),
                        text("It is 31.5 °C in the greenhouse, so the vents should be open."));

        List<ChatEvent> events = ask("How warm is the greenhouse?");

        assertThat(events.getFirst().kind()).isEqualTo("session");
        assertThat(kinds(events)).containsExactly("session", "tool_call", "tool_result", "token", "done");
        List<ChatEvent> tools =
                events.stream().filter(e -> e.kind().startsWith("tool")).toList();
        assertThat(tools)
                .extracting(ChatEvent::kind, ChatEvent::tool)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("tool_call", "read_source"),
                        org.assertj.core.groups.Tuple.tuple("tool_result", "read_source"),
                        org.assertj.core.groups.Tuple.tuple("tool_call", "recall"),
                        org.assertj.core.groups.Tuple.tuple("tool_result", "recall"));
        assertThat(tools.get(1).text()).contains("31.5").contains("°C");
        assertThat(tools.get(1).error()).isFalse();
        assertThat(tools.get(3).text()).contains("vents open");
        String streamed = events.stream()
                .filter(e -> e.kind().equals("token"))
                .map(ChatEvent::text)
                .reduce("", String::concat);
        assertThat(events.stream().filter(e -> e.kind().equals("token")).count())
                .isGreaterThan(5);
        assertThat(streamed).isEqualTo("It is 31.5 °C in the greenhouse, so the vents should be open.");
        assertThat(events.getLast().kind()).isEqualTo("done");
        assertThat(events.getLast().text()).isEqualTo(streamed);

        // the model got the tools and, in the last round, both tool results
        List<JsonNode> requests = f.ollama.chatRequests();
        assertThat(requests).hasSize(3);
        assertThat(requests.getFirst().path("tools").findValuesAsText("name"))
                .contains(
                        "read_source",
                        "list_sources",
                        "get_reading_history",
                        "recall",
                        "remember",
                        "forget",
                        "observe");
        assertThat(requests.getLast().path("messages").findValuesAsText("role"))
                .containsSubsequence("system", "user", "assistant", "tool", "assistant", "tool");

        // the same steps went out on the event bus (WebSocket chat events)
        assertThat(f.published)
                .filteredOn(e -> e instanceof NodeEvent.ChatStreamEvent)
                .hasSameSizeAs(events);

        ChatTranscript t = f.client.chatTranscript(events.getFirst().sessionId());
        assertThat(t.messages()).extracting(ChatMessage::role).containsExactly("user", "tool", "tool", "assistant");
        assertThat(t.messages().get(1).tool()).isEqualTo("read_source");
        assertThat(t.session().title()).isEqualTo("How warm is the greenhouse?");
        assertThat(f.client.chatSessions())
                .extracting(s -> s.id())
                .containsExactly(t.session().id());
    }

    @Test
    void aToolThatThrowsReturnsAnErrorResultToTheModelAndTheAnswerContinues() throws Exception {
        f = new ChatFixture(dir, AgentSettings.Fallback.SKIP);
        f.memory.failingWrites("the embedder is not ready");
        f.ollama
                .reply(toolCall("remember", "{\"fact\":\"The cat is called Mira\"}"))
                .replyWhen(lastMessageIsToolResult(), text("Sorry, I could not store that."));

        List<ChatEvent> events = ask("Remember that the cat is called Mira");

        ChatEvent result = events.stream()
                .filter(e -> e.kind().equals("tool_result"))
                .findFirst()
                .orElseThrow();
        assertThat(result.error()).isTrue();
        assertThat(result.text()).contains("remember failed").contains("the embedder is not ready");
        JsonNode toolMessage = lastMessage(f.ollama.chatRequests().getLast());
        assertThat(toolMessage.path("role").asText()).isEqualTo("tool");
        assertThat(toolMessage.path("content").asText()).startsWith("ERROR:").contains("the embedder is not ready");
        assertThat(events.getLast().kind()).isEqualTo("done");
    }

    @Test
    void unknownToolsAndBadArgumentsGoBackToTheModelNamingTheProblem() throws Exception {
        f = new ChatFixture(dir, AgentSettings.Fallback.SKIP);
        f.ollama
                .reply(toolCall("launch_rockets", "{}"))
                .replyWhen(lastMessageContains("unknown tool"), toolCall("read_source", "{\"sorce\":\"sim:x\"}"))
                .replyWhen(
                        lastMessageContains("bad arguments"),
                        toolCall("get_reading_history", "{\"source\":\"sim:x\",\"window\":7}"))
                .replyWhen(lastMessageContains("expected a string"), text("I could not do that."));

        List<ChatEvent> events = ask("Do something impossible");

        List<ChatEvent> results =
                events.stream().filter(e -> e.kind().equals("tool_result")).toList();
        assertThat(results).hasSize(3).allMatch(ChatEvent::error);
        assertThat(results.get(0).text())
                .contains("unknown tool 'launch_rockets'")
                .contains("read_source");
        assertThat(results.get(1).text())
                .contains("unknown parameter 'sorce'")
                .contains("parameter 'source' is required");
        assertThat(results.get(2).text()).contains("parameter 'window': expected a string, got 7");
        assertThat(events.getLast().kind()).isEqualTo("done");
        assertThat(events.getLast().text()).isEqualTo("I could not do that.");
    }

    @Test
    void aModelThatNeverStopsCallingToolsEndsAfterMaxIterationsWithAnError() throws Exception {
        f = new ChatFixture(dir, AgentSettings.Fallback.SKIP);
        f.ollama.alwaysReplyWhen(r -> true, toolCall("list_sources", "{}"));

        List<ChatEvent> events = ask("Loop for ever");

        assertThat(events.getLast().kind()).isEqualTo("error");
        assertThat(events.getLast().code()).isEqualTo("max_iterations");
        assertThat(f.ollama.chatRequests()).hasSize(6);
    }

    @Test
    void ollamaFailingIsRetriedWithBackoffThenSkippedWithAClearError() throws Exception {
        f = new ChatFixture(dir, AgentSettings.Fallback.SKIP);
        f.ollama
                .reply(ScriptedOllama.failure(503, "server busy"))
                .reply(ScriptedOllama.failure(503, "server busy"))
                .reply(ScriptedOllama.failure(503, "server busy"));

        List<ChatEvent> events = ask("Are you there?");

        assertThat(f.ollama.chatRequests()).hasSize(3); // the call and two retries
        assertThat(kinds(events)).containsExactly("session", "error");
        assertThat(events.getLast().code()).isEqualTo("llm_unavailable");
        assertThat(events.getLast().text()).contains("cannot answer right now").contains("agent.fallback: queue");
    }

    @Test
    void ollamaDownIsSkippedWithLlmUnavailable() throws Exception {
        f = new ChatFixture(dir, AgentSettings.Fallback.SKIP);
        f.ollama.down();

        List<ChatEvent> events = ask("Are you there?");

        assertThat(events.getLast().code()).isEqualTo("llm_unavailable");
        assertThat(events.getLast().text()).contains("connection refused");
        assertThat(f.chat.health().get("llm").status())
                .isIn(io.smollama.common.ComponentHealth.Status.DISABLED, io.smollama.common.ComponentHealth.Status.UP);
    }

    @Test
    void withQueueFallbackAQuestionAskedWhileOllamaIsDownIsAnsweredWhenItIsBack() throws Exception {
        f = new ChatFixture(dir, AgentSettings.Fallback.QUEUE);
        f.ollama.down();

        List<ChatEvent> events = ask("What is the soil moisture?");

        assertThat(kinds(events)).containsExactly("session", "queued");
        String session = events.getFirst().sessionId();
        assertThat(events.getLast().text()).contains("queued");
        assertThat(f.chat.health().get("llm").status()).isEqualTo(io.smollama.common.ComponentHealth.Status.DEGRADED);
        assertThat(f.client.chatTranscript(session).messages())
                .extracting(ChatMessage::role)
                .containsExactly("user");

        f.ollama.reply(text("The soil is moist enough."));
        f.ollama.up();

        ChatTranscript answered = awaitMessages(session, 2);
        assertThat(answered.messages())
                .extracting(ChatMessage::content)
                .containsExactly("What is the soil moisture?", "The soil is moist enough.");
        assertThat(f.published)
                .filteredOn(e -> e instanceof NodeEvent.ChatStreamEvent c
                        && c.data().sessionId().equals(session)
                        && c.data().kind().equals("done"))
                .hasSize(1);
        assertThat(f.chat.health().get("llm").status()).isEqualTo(io.smollama.common.ComponentHealth.Status.UP);
    }

    private ChatTranscript awaitMessages(String session, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        ChatTranscript t = f.client.chatTranscript(session);
        while (t.messages().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
            t = f.client.chatTranscript(session);
        }
        return t;
    }

    @Test
    void theModelGetsTheSessionHistory() throws Exception {
        f = new ChatFixture(dir, AgentSettings.Fallback.SKIP);
        f.ollama.reply(text("Hello Ana.")).reply(text("You are Ana."));

        String session = ask("My name is Ana").getFirst().sessionId();
        ask(session, "What is my name?");

        JsonNode second = f.ollama.chatRequests().getLast();
        assertThat(second.path("messages").findValuesAsText("content"))
                .contains("My name is Ana", "Hello Ana.", "What is my name?");
    }

    @Test
    void anUnknownSessionIs404AndABadBodyIs400BeforeAnythingStreams() throws Exception {
        f = new ChatFixture(dir, AgentSettings.Fallback.SKIP);
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(
                                io.smollama.common.NodeApiException.class, () -> f.client.chatTranscript("nope"))
                        .status())
                .isEqualTo(404);
        var e = org.assertj.core.api.Assertions.catchThrowableOfType(
                io.smollama.common.NodeApiException.class,
                () -> f.client.chat(new ChatRequest(null, "  "), Duration.ofSeconds(5), ev -> {}));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).contains("message");
    }
}
