package io.smollama.desktop.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.common.ChatEvent;
import io.smollama.common.ComponentHealth;
import io.smollama.common.Health;
import io.smollama.desktop.service.Background;
import io.smollama.desktop.service.FixedNodes;
import io.smollama.desktop.service.UiQueue;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Chat screen's view-model, without JavaFX: how streamed events become the conversation. */
class ChatViewModelTest {

    private static final URI NOBODY = URI.create("http://127.0.0.1:9");
    private static final String TOKEN = "token-0123456789abcdef";

    private final UiQueue ui = new UiQueue();
    private final Background bg = new Background(ui);
    private final FixedNodes nodes = new FixedNodes();
    private final ChatViewModel model = new ChatViewModel(nodes, bg);

    @AfterEach
    void close() {
        bg.close();
        nodes.nodes().forEach(n -> ((FixedNodes.Handle) n).close());
    }

    private FixedNodes.Handle ready(String token) {
        FixedNodes.Handle node = nodes.add("pi-a", NOBODY, token);
        model.shown();
        return node;
    }

    /** Sends a question; its real call fails later on the UI queue, which these tests never run. */
    private long ask(String question) {
        model.inputProperty().set(question);
        model.send();
        return model.answerId();
    }

    @Test
    void withoutATokenTheInputIsDisabledAndTheHintSaysWhereToAddOne() {
        ready(null);
        model.inputProperty().set("how warm is it?");
        assertThat(model.canTypeBinding().get()).isFalse();
        assertThat(model.canSendBinding().get()).isFalse();
        assertThat(model.hintProperty().get()).isEqualTo("Chatting needs the API token of pi-a: add it in Nodes.");
    }

    @Test
    void withoutANodeTheHintAsksToChooseOne() {
        assertThat(model.hintProperty().get()).isEqualTo("Choose a node to chat with.");
        assertThat(model.canTypeBinding().get()).isFalse();
    }

    @Test
    void tokensGrowOneAnswerAndDoneEndsTheStream() {
        FixedNodes.Handle node = ready(TOKEN);
        long id = ask("how warm is it?");
        assertThat(model.inputProperty().get()).isEmpty();
        assertThat(model.streamingProperty().get()).isTrue();
        assertThat(model.canTypeBinding().get()).isFalse();
        model.apply(id, node, ChatEvent.session("s-1"));
        model.apply(id, node, ChatEvent.token("s-1", "It is "));
        model.apply(id, node, ChatEvent.token("s-1", "21 °C."));
        assertThat(model.items()).hasSize(2);
        assertThat(model.items().get(0).kind()).isEqualTo(ChatItem.Kind.USER);
        assertThat(model.items().get(0).text()).isEqualTo("how warm is it?");
        ChatItem answer = model.items().get(1);
        assertThat(answer.text()).isEqualTo("It is 21 °C.");
        assertThat(answer.runningProperty().get()).isTrue();
        model.apply(id, node, ChatEvent.done("s-1", "It is 21 °C."));
        assertThat(answer.text()).isEqualTo("It is 21 °C.");
        assertThat(answer.runningProperty().get()).isFalse();
        assertThat(model.streamingProperty().get()).isFalse();
        assertThat(model.sessionIdProperty().get()).isEqualTo("s-1");
        assertThat(model.canTypeBinding().get()).isTrue();
    }

    @Test
    void anAnswerWithoutStreamedTokensShowsTheWholeAnswerWhenDone() {
        FixedNodes.Handle node = ready(TOKEN);
        long id = ask("hello");
        model.apply(id, node, ChatEvent.done("s-1", "Hello."));
        assertThat(model.items()).extracting(ChatItem::text).containsExactly("hello", "Hello.");
    }

    @Test
    void toolCallsAppearInlineCollapsedAndTheirResultsFillThemIn() {
        FixedNodes.Handle node = ready(TOKEN);
        long id = ask("is the fan on?");
        model.apply(id, node, ChatEvent.toolCall("s-1", "read_sensor", "{\"source\":\"gpio:fan\"}"));
        assertThat(model.items()).extracting(ChatItem::kind).containsExactly(ChatItem.Kind.USER, ChatItem.Kind.TOOL);
        ChatItem tool = model.items().get(1);
        assertThat(tool.tool()).isEqualTo("read_sensor");
        assertThat(tool.arguments()).isEqualTo("{\"source\":\"gpio:fan\"}");
        assertThat(tool.runningProperty().get()).isTrue();
        assertThat(tool.expandedProperty().get()).isFalse();
        model.apply(id, node, ChatEvent.toolResult("s-1", "read_sensor", "gpio:fan = 1", false));
        assertThat(tool.resultProperty().get()).isEqualTo("gpio:fan = 1");
        assertThat(tool.runningProperty().get()).isFalse();
        model.apply(id, node, ChatEvent.token("s-1", "Yes, it is on."));
        model.apply(id, node, ChatEvent.done("s-1", "Yes, it is on."));
        assertThat(model.items())
                .extracting(ChatItem::kind)
                .containsExactly(ChatItem.Kind.USER, ChatItem.Kind.TOOL, ChatItem.Kind.ASSISTANT);
        assertThat(model.items().get(2).text()).isEqualTo("Yes, it is on.");
    }

    @Test
    void aFailedToolResultIsMarkedFailed() {
        FixedNodes.Handle node = ready(TOKEN);
        long id = ask("switch the pump");
        model.apply(id, node, ChatEvent.toolCall("s-1", "act", "{}"));
        model.apply(id, node, ChatEvent.toolResult("s-1", "act", "no actuator pump", true));
        assertThat(model.items().get(1).failedProperty().get()).isTrue();
    }

    @Test
    void anLlmUnavailableErrorSaysToStartOllamaOnTheNodeAndPullTheModel() {
        FixedNodes.Handle node = ready(TOKEN);
        long id = ask("hello");
        model.apply(
                id,
                node,
                ChatEvent.failed(
                        "s-1", "llm_unavailable", "Ollama at http://localhost:11434 has no model llama3.2:3b"));
        assertThat(model.llmProblemProperty().get())
                .startsWith("pi-a has no language model available")
                .endsWith("Start Ollama on pi-a and pull llama3.2:3b, then ask again.");
        assertThat(model.items()).extracting(ChatItem::kind).containsExactly(ChatItem.Kind.USER, ChatItem.Kind.NOTICE);
        assertThat(model.items().get(1).failedProperty().get()).isTrue();
        assertThat(model.streamingProperty().get()).isFalse();
    }

    @Test
    void aQueuedQuestionIsShownAsQueuedNotAsAnAnswer() {
        FixedNodes.Handle node = ready(TOKEN);
        long id = ask("summarise today");
        model.apply(id, node, ChatEvent.queued("s-1", "the LLM is unreachable; asked again when it is back"));
        assertThat(model.items()).extracting(ChatItem::kind).containsExactly(ChatItem.Kind.USER, ChatItem.Kind.NOTICE);
        ChatItem notice = model.items().get(1);
        assertThat(notice.text()).isEqualTo("Queued: the LLM is unreachable; asked again when it is back");
        assertThat(notice.failedProperty().get()).isFalse();
        assertThat(model.streamingProperty().get()).isFalse();
    }

    @Test
    void eventsOfAnAnswerTheOperatorLeftAreDropped() {
        FixedNodes.Handle node = ready(TOKEN);
        long id = ask("hello");
        model.newSession();
        model.apply(id, node, ChatEvent.token("s-1", "late"));
        assertThat(model.items()).isEmpty();
        assertThat(model.streamingProperty().get()).isFalse();
    }

    @Test
    void aQuestionThatCannotReachTheNodeEndsInANoticeAndTheInputComesBack() throws Exception {
        ready(TOKEN);
        ui.drain();
        ask("hello");
        ui.runUntil(() -> !model.streamingProperty().get());
        assertThat(model.items()).extracting(ChatItem::kind).containsExactly(ChatItem.Kind.USER, ChatItem.Kind.NOTICE);
        assertThat(model.items().get(1).text())
                .startsWith("The question did not reach pi-a")
                .endsWith("Send it again.");
        assertThat(model.canTypeBinding().get()).isTrue();
    }

    @Test
    void anLlmComponentThatIsNotUpIsTheNoLlmStateWithTheNodesReason() {
        Health down = health(new ComponentHealth(ComponentHealth.Status.DOWN, "model mistral:latest is not pulled"));
        assertThat(ChatViewModel.llmProblem("pi-a", down))
                .endsWith("Start Ollama on pi-a and pull mistral:latest, then ask again.");
        Health off = health(new ComponentHealth(
                ComponentHealth.Status.DISABLED,
                "unavailable: Ollama at http://127.0.0.1:11434 is unreachable: connection refused"));
        assertThat(ChatViewModel.llmProblem("pi-a", off))
                .isEqualTo(
                        "pi-a has no language model available: Ollama at http://127.0.0.1:11434 is unreachable:"
                                + " connection refused. Start Ollama on pi-a and pull its model (ollama.model), then ask again.");
        assertThat(ChatViewModel.llmProblem("pi-a", health(ComponentHealth.up("llama3.2:3b"))))
                .isEmpty();
    }

    @Test
    void aHostAndPortIsNotMistakenForTheModel() {
        assertThat(ChatViewModel.llmSentence("pi-a", "Ollama at http://localhost:11434 did not answer"))
                .endsWith("pull its model (ollama.model), then ask again.");
    }

    private static Health health(ComponentHealth llm) {
        return new Health("degraded", "pi-a", "node", "1.0", Instant.EPOCH, 1, Map.of("llm", llm), Map.of(), Map.of());
    }
}
