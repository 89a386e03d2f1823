package io.smollama.desktop.screens;

import io.smollama.desktop.Screen;
import io.smollama.desktop.chat.ChatPreview;
import io.smollama.desktop.chat.ChatScreen;
import io.smollama.desktop.control.ControlScreen;
import io.smollama.desktop.memory.MemoryPreview;
import io.smollama.desktop.memory.MemoryScreen;
import io.smollama.desktop.service.Background;
import io.smollama.desktop.service.FixedNodes;
import io.smollama.desktop.service.ScreenStage;
import io.smollama.node.testsupport.TestNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import javafx.scene.Parent;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Writes PNGs of the Memory, Chat and Control screens (light, dark, kiosk) against a real node-agent,
 * for people to look at. Runs only when asked: {@code -Dscreens.dir=/some/folder}.
 */
@Tag("ui")
class ScreenPreviewIT {

    @TempDir
    Path dir;

    @Test
    void writesTheScreensInLightDarkAndKiosk() throws Exception {
        String out = System.getProperty("screens.dir");
        Assumptions.assumeTrue(out != null && !out.isBlank(), "screenshots are written only with -Dscreens.dir=…");
        Path folder = Files.createDirectories(Path.of(out));
        try (TestNode node = TestNode.start(dir, """
                        node:
                          name: pi-greenhouse
                        plugins:
                          simulated:
                            enabled: true
                          gpio:
                            provider: mock
                            pins:
                              - {pin: 27, name: fan, mode: output, interval: 200ms}
                              - {pin: 22, name: vent, mode: output, interval: 200ms}
                        """);
                Background bg = ScreenStage.background()) {
            node.awaitReadings("gpio:fan", 1);
            node.client().remember("Keep the greenhouse below 28 °C for the seedlings", 0.9);
            node.client().remember("The vent motor stalls when it is colder than 2 °C", 0.7);
            node.agent()
                    .memory()
                    .orElseThrow()
                    .observe(new io.smollama.node.memory.ObservationDraft(
                            "anomaly",
                            "Temperature rose 4 °C in 20 minutes after the vent closed",
                            0.74,
                            java.util.List.of("simulated:temperature"),
                            "llm"));
            FixedNodes nodes = new FixedNodes();
            FixedNodes.Handle handle = nodes.add("pi-greenhouse", node.uri(""), TestNode.TOKEN);
            nodes.add("pi-shed", java.net.URI.create("http://127.0.0.1:9"), null)
                    .state(io.smollama.desktop.service.NodeState.OFFLINE);
            for (String theme : new String[] {"light", "dark", "kiosk"}) {
                boolean dark = theme.equals("dark");
                boolean kiosk = theme.equals("kiosk");
                shoot(folder.resolve("control-" + theme + ".png"), new ControlScreen(nodes, bg), dark, kiosk);
                shoot(folder.resolve("memory-live-" + theme + ".png"), new MemoryScreen(nodes, bg), dark, kiosk);
                shoot(folder.resolve("chat-live-" + theme + ".png"), new ChatScreen(nodes, bg), dark, kiosk);
                shoot(
                        folder.resolve("memory-" + theme + ".png"),
                        preview("Memory", () -> MemoryPreview.results(nodes, bg)),
                        dark,
                        kiosk);
                shoot(
                        folder.resolve("chat-" + theme + ".png"),
                        preview("Chat", () -> ChatPreview.conversation(nodes, bg, handle)),
                        dark,
                        kiosk);
            }
            nodes.nodes().forEach(n -> ((FixedNodes.Handle) n).close());
        } finally {
            FxToolkit.cleanupStages();
        }
    }

    private static Screen preview(String title, Supplier<Parent> view) {
        return new Screen() {
            private Parent root;

            @Override
            public String title() {
                return title;
            }

            @Override
            public Parent view() {
                if (root == null) root = view.get();
                return root;
            }
        };
    }

    private static void shoot(Path file, Screen screen, boolean dark, boolean kiosk) throws Exception {
        var stage = ScreenStage.show(screen, dark, kiosk, kiosk ? 800 : 1100, kiosk ? 480 : 720);
        Thread.sleep(1500); // the screens' first calls answer on loopback well within this
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] shot = new WritableImage[1];
        FxToolkit.setupFixture(() -> shot[0] = stage.getScene().snapshot(null));
        int w = (int) shot[0].getWidth();
        int h = (int) shot[0].getHeight();
        int[] argb = new int[w * h];
        shot[0].getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        png.setRGB(0, 0, w, h, argb, 0, w);
        ImageIO.write(png, "png", file.toFile());
    }
}
