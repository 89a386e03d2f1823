package io.smollama.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console shell on a real (headless) JavaFX scene graph, against a node on loopback that
 * answers {@code /api/health}: the node's name and state appear, and an unreachable node shows
 * offline.
 */
@org.junit.jupiter.api.Tag("ui")
class ConsoleAppIT {

    private HttpServer node;
    private Stage stage;

    @BeforeEach
    void startNode() throws IOException {
        node = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        node.createContext("/api/health", exchange -> {
            byte[] body = """
                    {"status":"ok","node":"pi-kitchen","role":"node","version":"1.0","startedAt":"2026-01-01T00:00:00Z",
                     "uptimeSeconds":3700,"components":{"store":{"status":"UP","detail":"queue 0"}},
                     "counts":{"readings":12},"build":{}}
                    """.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        node.start();
    }

    private javafx.application.Application app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app); // stops its poller
        }
        FxToolkit.cleanupStages();
        node.stop(0);
    }

    private FxRobot launch(String url) throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(ConsoleApp.class, "--node", url);
        return new FxRobot();
    }

    private static boolean anyLabel(FxRobot robot, String text) {
        return robot.lookup(".label").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText() != null && l.getText().contains(text));
    }

    @Test
    void showsTheConnectedNodesNameRoleAndState() throws Exception {
        FxRobot robot = launch("http://127.0.0.1:" + node.getAddress().getPort());
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> anyLabel(robot, "pi-kitchen · node · v1.0")
                        && anyLabel(robot, "● ok")
                        && anyLabel(robot, "readings 12"));
        assertThat(stage.getTitle()).isEqualTo("Smollama console");
    }

    @Test
    void anUnreachableNodeShowsOfflineAndWhenItRetries() throws Exception {
        FxRobot robot = launch("http://127.0.0.1:9"); // nothing listens on the discard port
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> anyLabel(robot, "● offline") && anyLabel(robot, "retrying in"));
        assertThat(anyLabel(robot, "● ok")).isFalse();
    }
}
