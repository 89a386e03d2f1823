package io.smollama.desktop.shots;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * Visits each screen, waits for data, and writes the scene as {@code <prefix><screen>-<theme>.png}.
 * Runs on its own thread, which only waits; every look at the scene happens on the FX thread.
 */
public final class ScreenshotTour {

    private static final Logger LOG = Logger.getLogger(ScreenshotTour.class.getName());

    /** How the tour drives the shell. */
    public interface Shell {
        Scene scene();

        List<String> screens();

        void show(String screen);

        void dark(boolean dark);

        /** True once the console shows live data (sources and chart points). */
        boolean hasData();
    }

    private final Shell shell;
    private final Path dir;
    private final String prefix;
    private final List<Boolean> themes;
    private final long settleMillis;

    public ScreenshotTour(Shell shell, Path dir, String prefix, List<Boolean> themes, long settleMillis) {
        this.shell = shell;
        this.dir = dir;
        this.prefix = prefix;
        this.themes = themes;
        this.settleMillis = settleMillis;
    }

    /** Runs the tour, then {@code done} with the number of files written (or -1 on failure) on the FX thread. */
    public void start(Consumer<Integer> done) {
        Thread.ofPlatform().daemon().name("screenshot-tour").start(() -> {
            int written = -1;
            try {
                Files.createDirectories(dir);
                waitFor(shell::hasData, 30_000);
                written = 0;
                for (boolean dark : themes) {
                    fxRun(() -> shell.dark(dark));
                    for (String screen : fx(shell::screens)) {
                        fxRun(() -> shell.show(screen));
                        Thread.sleep(settleMillis);
                        Path file = dir.resolve(prefix + slug(screen) + "-" + (dark ? "dark" : "light") + ".png");
                        fx(() -> {
                            snapshot(shell.scene(), file);
                            return null;
                        });
                        System.out.println("screenshot: " + file);
                        written++;
                    }
                }
            } catch (Exception e) {
                LOG.log(Level.SEVERE, "the screenshot tour failed", e);
                written = -1;
            }
            int n = written;
            Platform.runLater(() -> done.accept(n));
        });
    }

    static String slug(String screen) {
        return screen.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private static void snapshot(Scene scene, Path file) throws Exception {
        WritableImage img = scene.snapshot(null);
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        int[] px = new int[w * h];
        img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), px, 0, w);
        PngWriter.write(file, w, h, px);
    }

    private void waitFor(BooleanSupplier ready, long maxMillis) throws Exception {
        long deadline = System.currentTimeMillis() + maxMillis;
        while (System.currentTimeMillis() < deadline) {
            if (fx(ready::getAsBoolean)) {
                return;
            }
            Thread.sleep(250);
        }
        LOG.warning("no live data within " + maxMillis / 1000 + " s; taking the screenshots anyway");
    }

    private interface FxCall<T> {
        T call() throws Exception;
    }

    private static void fxRun(Runnable r) throws Exception {
        fx(() -> {
            r.run();
            return null;
        });
    }

    private static <T> T fx(FxCall<T> call) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(call.call());
            } catch (Exception | Error e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }
}
