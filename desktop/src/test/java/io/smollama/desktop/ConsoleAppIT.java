package io.smollama.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.desktop.dashboard.DashboardScreen;
import io.smollama.node.testsupport.TestNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCombination;
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
 * The console on a real (headless, Monocle) JavaFX scene graph against a real node-agent with
 * simulated sensors on a loopback port: the node is listed online, a chart receives live points, the
 * readings table fills, a stopped node turns offline, and kiosk mode opens full screen without an
 * exit hint or exit key.
 */
@Tag("ui")
class ConsoleAppIT {

    @TempDir
    Path dir;

    private TestNode node;
    private Stage stage;
    private ConsoleApp app;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void startNode() throws Exception {
        node = TestNode.start(dir.resolve("node"), """
                plugins:
                  simulated:
                    enabled: true
                    interval: 200ms
                """);
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
        node.close();
    }

    private void launch(String... extra) throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        List<String> args = new ArrayList<>(List.of(
                "--node",
                node.agent().baseUri().toString(),
                "--token",
                TestNode.TOKEN,
                "--config-dir",
                dir.resolve("console").toString(),
                "--no-discovery")); // other nodes on this machine's LAN must not join the test
        args.addAll(List.of(extra));
        app = (ConsoleApp) FxToolkit.setupApplication(ConsoleApp.class, args.toArray(String[]::new));
    }

    private boolean anyLabel(String text) {
        return robot.lookup(".label").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText() != null && l.getText().contains(text));
    }

    private void await(int seconds, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
    }

    @Test
    void theNodeAppearsOnlineInTheNodesListWithItsDetail() throws Exception {
        launch();
        robot.clickOn("#nav-nodes");
        await(15, () -> {
            ListView<?> list = robot.lookup("#node-list").queryAs(ListView.class);
            return list.getItems().size() == 1 && anyLabel("test-node") && anyLabel("online");
        });
        await(10, () -> anyLabel("RUNNING  simulated"));
        assertThat(stage.getTitle()).isEqualTo("Smollama console");
        assertThat(robot.lookup("#status-node").queryAs(Label.class).getText()).contains("test-node · online");
    }

    @Test
    void aChartReceivesLivePointsFromTheNodesWebSocket() throws Exception {
        launch();
        DashboardScreen dash = Objects.requireNonNull(app.dashboard());
        String key = "test-node|simulated:humidity";
        await(20, () -> dash.model().series().contains(key) && dash.points(key) > 0);
        int before = dash.points(key);
        await(10, () -> dash.points(key) >= before + 5);
        await(10, () -> anyLabel("%"));
    }

    @Test
    void theReadingsTableFillsWithEverySource() throws Exception {
        launch();
        robot.clickOn("#nav-readings");
        await(20, () -> {
            TableView<?> table = robot.lookup("#readings-table").queryAs(TableView.class);
            return table.getItems().size() >= 5
                    && table.getItems().stream().anyMatch(r -> r.toString().contains("simulated:temperature"));
        });
        robot.clickOn("#search").write("humidity");
        await(
                5,
                () -> robot.lookup("#readings-table")
                                .queryAs(TableView.class)
                                .getItems()
                                .size()
                        == 1);
    }

    @Test
    void aStoppedNodeTurnsOffline() throws Exception {
        launch();
        await(15, () -> robot.lookup("#status-node")
                .queryAs(Label.class)
                .getText()
                .contains("online"));
        node.close();
        await(40, () -> robot.lookup("#status-node")
                .queryAs(Label.class)
                .getText()
                .contains("offline"));
        assertThat(anyLabel("retrying in")).isTrue();
    }

    @Test
    void kioskModeOpensFullScreenWithoutExitHintOrExitKey() throws Exception {
        launch("--kiosk");
        await(10, stage::isFullScreen);
        assertThat(stage.getFullScreenExitHint()).isEmpty();
        assertThat(stage.getFullScreenExitKeyCombination()).isEqualTo(KeyCombination.NO_MATCH);
        assertThat(stage.getScene().getRoot().getStyleClass()).contains("kiosk");
    }
}
