package io.smollama.desktop.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.common.Memory;
import io.smollama.desktop.service.Background;
import io.smollama.desktop.service.FixedNodes;
import io.smollama.desktop.service.ScreenStage;
import io.smollama.node.memory.ObservationDraft;
import io.smollama.node.testsupport.TestNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.service.query.NodeQuery;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Memory screen on a real headless scene against a real node-agent with its in-process embedder:
 * a search finds what the node remembers and observed, and forgetting a memory (after confirming)
 * deactivates it on the node.
 */
@Tag("ui")
class MemoryScreenIT {

    @TempDir
    static Path dir;

    static TestNode node;
    private Background bg;
    private final FixedNodes nodes = new FixedNodes();
    private final FxRobot robot = new FxRobot();
    private Stage stage;

    @BeforeAll
    static void startNode() throws Exception {
        node = TestNode.start(dir, "");
        node.client().remember("The greenhouse vent must open above 28 degrees", 0.9);
        node.client().remember("The shed door sticks in winter", 0.7);
        node.agent()
                .memory()
                .orElseThrow()
                .observe(new ObservationDraft(
                        "anomaly", "Greenhouse temperature rose quickly after the vent closed", 0.8, List.of(), "llm"));
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
        bg.close();
        nodes.nodes().forEach(n -> ((FixedNodes.Handle) n).close());
    }

    private void show(String token) throws Exception {
        bg = ScreenStage.background();
        nodes.add("test-node", node.uri(""), token);
        stage = ScreenStage.show(new MemoryScreen(nodes, bg), false, false, 1000, 700);
    }

    private NodeQuery lookup(String query) {
        return robot.from(stage.getScene().getRoot()).lookup(query);
    }

    @SuppressWarnings("unchecked")
    private List<MemoryHit> results() {
        return ((ListView<MemoryHit>) lookup("#memory-results").query()).getItems();
    }

    private void search(String words) throws Exception {
        TextField field = lookup("#memory-query").queryAs(TextField.class);
        robot.interact(() -> field.setText(words));
        robot.clickOn(field).type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> !results().isEmpty() && results().stream().anyMatch(h -> h.score() > 0));
    }

    private boolean labelShows(String text) {
        return lookup(".label").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText() != null && l.getText().contains(text));
    }

    @Test
    void aSearchReturnsTheNodesMemoriesAndObservationsMostRelevantFirst() throws Exception {
        show(null);
        // on first view the screen lists the newest entries without a query
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> results().size() >= 3);
        search("greenhouse vent temperature");
        MemoryHit top = results().getFirst();
        assertThat(top.text()).containsIgnoringCase("greenhouse");
        List<String> ranked = results().stream().map(MemoryHit::text).toList();
        if (ranked.contains("The shed door sticks in winter")) {
            assertThat(ranked.indexOf("The shed door sticks in winter"))
                    .as("the unrelated memory ranks below the greenhouse entries")
                    .isGreaterThan(1);
        }
        assertThat(results()).extracting(MemoryHit::kind).contains(MemoryHit.Kind.MEMORY, MemoryHit.Kind.OBSERVATION);
        assertThat(results()).allSatisfy(h -> assertThat(h.node()).isEqualTo("test-node"));
        assertThat(labelShows("test-node · ")).isTrue();
        assertThat(labelShows("confidence 90%")).isTrue();
        // read-only: the hint replaces the button
        assertThat(labelShows("Add the API token of test-node in Nodes to forget memories."))
                .isTrue();
    }

    @Test
    void forgettingAMemoryAsksFirstAndDeactivatesItOnTheNode() throws Exception {
        Memory doomed = node.client().remember("The old pump is broken", 0.6).memory();
        show(TestNode.TOKEN);
        search("old pump broken");
        MemoryHit hit = results().stream()
                .filter(h -> h.id().equals(doomed.id()))
                .findFirst()
                .orElseThrow();
        int row = results().indexOf(hit);
        Button forget = lookup(".hit-forget").queryAllAs(Button.class).stream()
                .filter(b -> b.isVisible() && !b.isDisabled())
                .filter(b -> b.getParent().getParent() != null)
                .toList()
                .get(row);
        robot.clickOn(forget);
        WaitForAsyncUtils.waitFor(
                5,
                TimeUnit.SECONDS,
                () -> lookup("#memory-confirm-forget").query().getParent().isVisible());
        assertThat(node.client().memories(null, 50)).extracting(Memory::id).contains(doomed.id());
        robot.clickOn(lookup("#memory-confirm-forget").queryButton());
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> labelShows("Forgot “The old pump is broken” on test-node."));
        assertThat(results()).extracting(MemoryHit::id).doesNotContain(doomed.id());
        assertThat(node.client().memories(null, 50)).extracting(Memory::id).doesNotContain(doomed.id());
    }
}
