package io.smollama.desktop.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.common.Reading;
import io.smollama.desktop.service.Background;
import io.smollama.desktop.service.FixedNodes;
import io.smollama.desktop.service.ScreenStage;
import io.smollama.node.testsupport.TestNode;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Control screen on a real headless scene against a real node-agent whose GPIO runs on Pi4J's
 * mock provider: switching an output goes through the confirmation and changes the node's pin.
 */
@Tag("ui")
class ControlScreenIT {

    @TempDir
    Path dir;

    private TestNode node;
    private Background bg;
    private final FixedNodes nodes = new FixedNodes();
    private final FxRobot robot = new FxRobot();
    private Stage stage;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.start(dir, """
                plugins:
                  gpio:
                    provider: mock
                    pins:
                      - {pin: 27, name: fan, mode: output, interval: 100ms}
                """);
        node.awaitReadings("gpio:fan", 1);
        bg = ScreenStage.background();
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
        bg.close();
        nodes.nodes().forEach(n -> ((FixedNodes.Handle) n).close());
        node.close();
    }

    private double fan() {
        Reading r = node.client().latest("gpio:fan").orElseThrow();
        return r.value();
    }

    /** Looks in this test's scene only. */
    private org.testfx.service.query.NodeQuery lookup(String query) {
        return robot.from(stage.getScene().getRoot()).lookup(query);
    }

    /** Visible together with all its parents (the confirmation sheet hides its buttons by hiding itself). */
    private static boolean shown(Node n) {
        for (Node at = n; at != null; at = at.getParent()) {
            if (!at.isVisible()) return false;
        }
        return true;
    }

    private boolean labelShows(String text) {
        return lookup(".label").queryAllAs(Label.class).stream()
                .anyMatch(l -> shown(l) && l.getText() != null && l.getText().contains(text));
    }

    @Test
    void switchingAnOutputOnAsksFirstThenChangesTheNodesPinAndShowsTheResult() throws Exception {
        nodes.add("test-node", node.uri(""), TestNode.TOKEN);
        stage = ScreenStage.show(new ControlScreen(nodes, bg), false, false, 1000, 760);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup("#act-gpio-fan-set")
                .tryQuery()
                .isPresent());
        assertThat(fan()).isZero();

        robot.clickOn((Node) lookup("#param-gpio-fan-set-state").query());
        robot.clickOn(lookup("#act-gpio-fan-set").queryButton());
        WaitForAsyncUtils.waitFor(
                5, TimeUnit.SECONDS, () -> lookup("#control-confirm").query().isVisible());
        assertThat(lookup("#control-question").queryAs(Label.class).getText())
                .isEqualTo("Run gpio:fan.set (state = on) on test-node?");
        robot.clickOn(lookup("#control-confirm").queryButton());

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> labelShows("Done: fan"));
        assertThat(labelShows("state true")).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (fan() != 1 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(fan()).as("the node's gpio:fan reading after the action").isEqualTo(1);
        assertThat(shown(lookup("#control-confirm").query())).isFalse();
    }

    @Test
    void cancellingTheConfirmationLeavesThePinAsItWas() throws Exception {
        nodes.add("test-node", node.uri(""), TestNode.TOKEN);
        stage = ScreenStage.show(new ControlScreen(nodes, bg), false, true, 1000, 760);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup("#act-gpio-fan-toggle")
                .tryQuery()
                .isPresent());
        robot.clickOn(lookup("#act-gpio-fan-toggle").queryButton());
        WaitForAsyncUtils.waitFor(
                5, TimeUnit.SECONDS, () -> lookup("#control-cancel").query().isVisible());
        robot.clickOn(lookup("#control-cancel").queryButton());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shown(lookup("#control-confirm").query())).isFalse();
        node.awaitReadings("gpio:fan", 5);
        assertThat(fan()).isZero();
    }

    @Test
    void withoutTheTokenTheActionsAreDisabledAndTheHintSaysWhereToAddIt() throws Exception {
        nodes.add("test-node", node.uri(""), null);
        stage = ScreenStage.show(new ControlScreen(nodes, bg), true, false, 1000, 760);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup("#act-gpio-fan-set")
                .tryQuery()
                .isPresent());
        assertThat(lookup("#act-gpio-fan-set").queryAs(Button.class).isDisabled())
                .isTrue();
        assertThat(labelShows("Read-only: add the API token of test-node in Nodes to act."))
                .isTrue();
    }
}
