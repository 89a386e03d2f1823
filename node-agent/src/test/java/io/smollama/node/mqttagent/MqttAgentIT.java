package io.smollama.node.mqttagent;

import static io.smollama.node.testsupport.ScriptedOllama.lastMessageContains;
import static io.smollama.node.testsupport.ScriptedOllama.lastMessageIsToolResult;
import static io.smollama.node.testsupport.ScriptedOllama.text;
import static io.smollama.node.testsupport.ScriptedOllama.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smollama.common.ChatMessage;
import io.smollama.common.ChatSession;
import io.smollama.common.Json;
import io.smollama.node.mqtt.MqttMessage;
import io.smollama.node.testsupport.RawClient;
import io.smollama.node.testsupport.ScriptedOllama;
import io.smollama.node.testsupport.TestNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub with its embedded broker and the agent over {@link ScriptedOllama}: messages on agent topics become chat
 * questions whose tool calls reach a plain MQTT client on the same broker.
 */
class MqttAgentIT {

    @TempDir
    Path dir;

    private ScriptedOllama ollama;
    private TestNode hub;
    private RawClient device;

    @BeforeEach
    void start() throws Exception {
        ollama = ScriptedOllama.start();
        hub = TestNode.start(dir, """
                node: {name: hub-1, role: hub}
                mqtt: {port: 0, agent_topics: ["home/#", "smollama/#"]}
                plugins: {system: {enabled: false}}
                ollama: {url: %s}
                agent: {retries: 0}
                """.formatted(ollama.url()));
        device = new RawClient("device", hub.agent().mqtt().brokerPort())
                .subscribe("home/alarm")
                .subscribe("smollama/hub-1/events");
        awaitConnected();
    }

    @AfterEach
    void stop() {
        if (device != null) {
            device.close();
        }
        if (hub != null) {
            hub.close();
        }
        if (ollama != null) {
            ollama.close();
        }
    }

    private void awaitConnected() throws InterruptedException {
        for (int i = 0; i < 400; i++) {
            if (hub.agent().mqtt().subscribed()) { // its subscriptions follow its connect
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the hub did not connect to its own broker");
    }

    private JsonNode nextAnswer() throws Exception {
        return Json.mapper().readTree(device.next("smollama/hub-1/events").payload());
    }

    @Test
    void aMessageOnAnAgentTopicAsksTheAgentWhosePublishReachesAnotherClientAndTheAnswerIsAnEvent() throws Exception {
        ollama.replyWhen(
                        lastMessageContains("topic 'home/door'"),
                        toolCall("publish", "{\"topic\":\"home/alarm\",\"payload\":\"door opened\",\"qos\":1}"))
                .replyWhen(
                        lastMessageIsToolResult().and(lastMessageContains("queued for delivery")),
                        text("I raised the alarm."));

        device.publish("home/door", "{\"state\":\"open\"}");

        MqttMessage alarm = device.next("home/alarm");
        assertThat(alarm.payload()).isEqualTo("door opened");
        JsonNode answer = nextAnswer();
        assertThat(answer.path("type").asText()).isEqualTo("answer");
        assertThat(answer.path("node").asText()).isEqualTo("hub-1");
        assertThat(answer.path("topic").asText()).isEqualTo("home/door");
        assertThat(answer.path("outcome").asText()).isEqualTo("done");
        assertThat(answer.path("answer").asText()).isEqualTo("I raised the alarm.");
        assertThat(answer.path("question").asText()).isEqualTo("{\"state\":\"open\"}");
        String session = answer.path("sessionId").asText();
        assertThat(session).isEqualTo(MqttQuestions.sessionId("home/door")).startsWith("mqtt-home_door-");

        assertThat(hub.client().chatSessions()).extracting(ChatSession::id).contains(session);
        List<ChatMessage> messages = hub.client().chatTranscript(session).messages();
        assertThat(messages.getFirst().role()).isEqualTo("user");
        assertThat(messages.getFirst().content()).contains("home/door").contains("{\"state\":\"open\"}");
        assertThat(messages.getLast().content()).isEqualTo("I raised the alarm.");
        assertThat(hub.agent().health().counts()).containsEntry("mqttQuestions", 1L);
    }

    @Test
    void getRecentMessagesShowsWhatArrivedOnTheWatchedTopics() throws Exception {
        ollama.replyWhen(lastMessageContains("topic 'home/porch/temp'"), text("Noted."))
                .replyWhen(
                        lastMessageContains("topic 'home/ask'"),
                        toolCall("get_recent_messages", "{\"topic\":\"home/+/temp\",\"limit\":5}"))
                .replyWhen(
                        lastMessageIsToolResult().and(lastMessageContains("21.5")), text("The porch is at 21.5 °C."));

        device.publish("home/porch/temp", "21.5");
        assertThat(nextAnswer().path("answer").asText()).isEqualTo("Noted.");
        device.publish("home/ask", "how warm is the porch?");
        JsonNode answer = nextAnswer();

        assertThat(answer.path("answer").asText()).isEqualTo("The porch is at 21.5 °C.");
        ChatMessage toolResult = hub
                .client()
                .chatTranscript(answer.path("sessionId").asText())
                .messages()
                .stream()
                .filter(m -> m.role().equals("tool"))
                .findFirst()
                .orElseThrow();
        JsonNode result = Json.mapper().readTree(toolResult.content());
        assertThat(result.path("count").asInt()).isEqualTo(1);
        assertThat(result.path("messages").get(0).path("topic").asText()).isEqualTo("home/porch/temp");
        assertThat(result.path("messages").get(0).path("payload").asText()).isEqualTo("21.5");
    }

    @Test
    void neitherTheNodesOwnEchoNorReadingsPayloadsNorItsOwnTopicsAskTheAgent() throws Exception {
        ollama.replyWhen(
                        lastMessageContains("topic 'home/door'"),
                        toolCall("publish", "{\"topic\":\"home/alarm\",\"payload\":\"door opened\"}"))
                .replyWhen(lastMessageIsToolResult(), text("Alarm raised."))
                .replyWhen(lastMessageContains("topic 'home/last'"), text("Last one."));

        device.publish("home/door", "open"); // the answer publishes to home/alarm (an agent topic) and to events
        device.next("home/alarm");
        nextAnswer();
        device.publish(
                "smollama/edge-9/readings",
                "{\"node\":\"edge-9\",\"timestamp\":1767225600,\"readings\":[{\"source\":\"t\",\"value\":1}]}");
        device.publish("home/last", "the end"); // answered after anything the messages before it could have caused
        assertThat(nextAnswer().path("answer").asText()).isEqualTo("Last one.");

        List<String> questions = ollama.chatRequests().stream()
                .map(r -> r.path("messages"))
                .map(ms -> ms.get(ms.size() - 1).path("content").asText())
                .filter(c -> c.startsWith("An MQTT message"))
                .toList();
        assertThat(questions).hasSize(2);
        assertThat(questions.get(0)).contains("'home/door'");
        assertThat(questions.get(1)).contains("'home/last'");
        assertThat(hub.agent().health().counts()).containsEntry("mqttQuestions", 2L);
    }

    @Test
    void whenTheLlmIsDownTheFallbackAnswersAndTheEventSaysWhy() throws Exception {
        ollama.down();

        device.publish("home/door", "open");

        JsonNode answer = nextAnswer();
        assertThat(answer.path("outcome").asText()).isEqualTo("error");
        assertThat(answer.path("code").asText()).isEqualTo("llm_unavailable");
        assertThat(hub.client()
                        .chatTranscript(MqttQuestions.sessionId("home/door"))
                        .messages())
                .isNotEmpty();
    }

    @Test
    void thePublishToolRefusesReadingsStatusWildcardAndBrokerTopicsAndTellsTheModelWhy() throws Exception {
        ollama.replyWhen(
                        lastMessageContains("topic 'home/spoof'"),
                        toolCall("publish", "{\"topic\":\"smollama/edge-9/readings\",\"payload\":\"{}\"}"))
                .replyWhen(lastMessageIsToolResult().and(lastMessageContains("only that node")), text("Refused."));

        device.publish("home/spoof", "pretend to be edge-9");

        assertThat(nextAnswer().path("answer").asText()).isEqualTo("Refused.");
        assertThat(hub.client().chatSessions()).isNotEmpty();
    }
}
