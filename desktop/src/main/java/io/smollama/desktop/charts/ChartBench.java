package io.smollama.desktop.charts;

import atlantafx.base.theme.PrimerLight;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The chart benchmark: one {@link TimeSeriesChart} holding 1,000,000 points, fed 25 times a second
 * from an I/O thread (through the data set's lock, as the dashboard does) for 20 s, the window
 * following the newest point at each update, under the console's theme. Prints the frame times (the time between JavaFX pulses that drew a frame) as p50,
 * p99 and max, one {@code name: value unit} line each. Run it with {@code scripts/console-bench.sh}
 * (software rendering under Xvfb).
 */
public final class ChartBench extends Application {

    static final int POINTS = 1_000_000;
    static final int HZ = 25;
    static final int POINTS_PER_UPDATE = 4;

    public static void main(String[] args) {
        Application.launch(ChartBench.class, args);
    }

    @Override
    public void start(Stage stage) {
        int seconds = Integer.parseInt(getParameters().getNamed().getOrDefault("seconds", "20"));
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        TimeSeriesChart chart = new TimeSeriesChart("Benchmark", "V");
        chart.addSeries("bench", "1,000,000 points + 25 Hz");
        double step = 0.01; // 100 points per second of data: 10,000 s of history
        double start = System.currentTimeMillis() / 1000.0 - POINTS * step;
        double[] t = new double[POINTS];
        double[] v = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            t[i] = start + i * step;
            v[i] = Math.sin(i / 5000.0) * 10 + Math.sin(i / 37.0);
        }
        chart.replace("bench", t, v);
        stage.setScene(new Scene(chart.view(), 1200, 700));
        stage.setTitle("Smollama chart benchmark");
        stage.show();

        double[] lastT = {t[POINTS - 1]};
        ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "bench-feed");
            th.setDaemon(true);
            return th;
        });
        long[] frames = new long[seconds * 240];
        int[] count = {0};
        long warmupEnd = System.nanoTime() + 2_000_000_000L;
        long end = warmupEnd + seconds * 1_000_000_000L;
        AnimationTimer timer = new AnimationTimer() {
            private long last;

            @Override
            public void handle(long now) {
                if (last != 0 && now > warmupEnd && count[0] < frames.length) {
                    frames[count[0]++] = now - last;
                }
                last = now;
                if (now > end) {
                    stop();
                    feeder.shutdownNow();
                    report(Arrays.copyOf(frames, count[0]), seconds);
                    Platform.exit();
                }
            }
        };
        feeder.scheduleAtFixedRate(
                () -> {
                    for (int i = 0; i < POINTS_PER_UPDATE; i++) {
                        lastT[0] += step;
                        chart.append("bench", lastT[0], Math.sin(lastT[0]) * 10);
                    }
                    double to = lastT[0];
                    Platform.runLater(() -> chart.setWindow(to - POINTS * step, to));
                },
                0,
                1000 / HZ,
                TimeUnit.MILLISECONDS);
        timer.start();
    }

    private static void report(long[] nanos, int seconds) {
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "chart points: %d%n", POINTS);
        System.out.printf(Locale.ROOT, "live updates: %d Hz for %d s%n", HZ, seconds);
        System.out.printf(Locale.ROOT, "frames: %d%n", nanos.length);
        if (nanos.length == 0) {
            return;
        }
        System.out.printf(Locale.ROOT, "frame time p50: %.1f ms%n", pct(nanos, 0.50));
        System.out.printf(Locale.ROOT, "frame time p99: %.1f ms%n", pct(nanos, 0.99));
        System.out.printf(Locale.ROOT, "frame time max: %.1f ms%n", nanos[nanos.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
