package io.smollama.desktop.chat;

import static io.smollama.node.testsupport.ScriptedOllama.text;
import static io.smollama.node.testsupport.ScriptedOllama.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.desktop.service.Background;
import io.smollama.desktop.service.FixedNodes;
import io.smollama.desktop.service.ScreenStage;
import io.smollama.node.testsupport.ScriptedOllama;
import io.smollama.node.testsupport.TestNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.service.query.NodeQuery;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Chat screen on a real headless scene against a real node-agent whose LLM is the scripted
 * Ollama-protocol server: an answer streams in token by token with its tool call shown inline, the
 * session is listed, and a node without its model shows what to do.
 */
@Tag("ui")
class ChatScreenIT {

    @TempDir
    Path dir;

    private ScriptedOllama ollama;
    private TestNode node;
    private Background bg;
    private final FixedNodes nodes = new FixedNodes();
    private final FxRobot robot = new FxRobot();
    private Stage stage;

    private void start(String token, String extraYaml) throws Exception {
        ollama = ScriptedOllama.start();
        node = TestNode.start(dir, """
                ollama:
                  url: %s
                agent:
                  retry_backoff: 10ms
                %s
                """.formatted(ollama.url(), extraYaml));
        bg = ScreenStage.background();
        nodes.add("test-node", node.uri(""), token);
        stage = ScreenStage.show(new ChatScreen(nodes, bg), false, false, 1000, 700);
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
        if (bg != null) bg.close();
        nodes.nodes().forEach(n -> ((FixedNodes.Handle) n).close());
        if (node != null) node.close();
        if (ollama != null) ollama.close();
    }

    private NodeQuery lookup(String query) {
        return robot.from(stage.getScene().getRoot()).lookup(query);
    }

    private List<String> labels(String styleClass) {
        return lookup(styleClass).queryAllAs(Label.class).stream()
                .map(Label::getText)
                .toList();
    }

    private void ask(String question) {
        robot.clickOn((Node) lookup("#chat-input").query());
        robot.write(question).type(KeyCode.ENTER);
    }

    @Test
    void anAnswerStreamsTokenByTokenWithItsToolCallShownInline() throws Exception {
        start(TestNode.TOKEN, "");
        ollama.tokenDelay(Duration.ofMillis(40));
        ollama.reply(toolCall("list_sources", "{}"));
        ollama.reply(text("This node has no sensors configured besides its system metrics right now."));
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> !lookup("#chat-input").query().isDisabled());

        List<String> seen = new CopyOnWriteArrayList<>();
        ask("What can you measure?");
        // sample the answer bubble as it grows: several distinct partial texts mean it streamed
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            WaitForAsyncUtils.waitForFxEvents();
            List<String> bubbles = labels(".assistant");
            String last = bubbles.isEmpty() ? "" : bubbles.getLast();
            if (seen.isEmpty() || !seen.getLast().equals(last)) seen.add(last);
            if (last.endsWith("right now.")) break;
            Thread.sleep(10);
        }
        assertThat(seen.getLast())
                .isEqualTo("This node has no sensors configured besides its system metrics right now.");
        assertThat(seen.stream().filter(s -> s.startsWith("This node") && !s.endsWith("right now.")))
                .as("partial answers seen while it streamed")
                .isNotEmpty();
        assertThat(labels(".user")).containsExactly("What can you measure?");
        TitledPane tool = lookup(".chat-tool").queryAs(TitledPane.class);
        assertThat(tool.getText()).isEqualTo("Tool list_sources — returned");
        assertThat(tool.isExpanded()).isFalse();
        // the session is listed and the input is back
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !lookup("#chat-sessions .list-cell .session-title")
                .queryAll()
                .isEmpty());
        assertThat(lookup("#chat-input").queryAs(TextArea.class).isDisabled()).isFalse();

        // a new chat clears the conversation; the listed session brings it back from the node
        robot.clickOn(lookup("#chat-new").queryButton());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> labels(".user").isEmpty());
        robot.clickOn((Node) lookup("#chat-sessions .list-cell .session-title").query());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> labels(".user").equals(List.of("What can you measure?")));
        assertThat(labels(".assistant"))
                .containsExactly("This node has no sensors configured besides its system metrics right now.");
        assertThat(lookup(".chat-tool").queryAs(TitledPane.class).getText()).isEqualTo("Tool list_sources — returned");
    }

    @Test
    void withoutTheTokenTheInputIsDisabledAndTheHintSaysWhereToAddIt() throws Exception {
        start(null, "");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> labels(".chat-hint").stream()
                .anyMatch(t -> t.equals("Chatting needs the API token of test-node: add it in Nodes.")));
        assertThat(lookup("#chat-input").queryAs(TextArea.class).isDisabled()).isTrue();
    }

    @Test
    void anUnreachableLlmIsShownWithWhatToDo() throws Exception {
        start(TestNode.TOKEN, "");
        ollama.down();
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> !lookup("#chat-input").query().isDisabled());
        ask("Hello?");
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> lookup("#chat-llm-problem").query().isVisible());
        assertThat(lookup("#chat-llm-problem").queryAs(Label.class).getText())
                .startsWith("test-node has no language model available")
                .contains("Start Ollama on test-node and pull");
    }
}
