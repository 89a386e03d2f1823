package io.smollama.node.observe;

import io.smollama.common.HistoryPoint;
import io.smollama.common.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Series of values for the observe tests: as history points, as statistics, or as readings to store. */
final class Points {

    static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

    private Points() {}

    static List<HistoryPoint> of(Instant start, Duration step, double... values) {
        List<HistoryPoint> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            out.add(new HistoryPoint(start.plus(step.multipliedBy(i)), values[i], values[i], values[i], 1));
        }
        return out;
    }

    static SourceStats stats(String source, double... values) {
        return SourceStats.of(source, "C", of(T0, Duration.ofMinutes(1), values));
    }

    /** {@code n} values around {@code mean} with Gaussian noise of {@code sigma}, from a fixed seed. */
    static double[] noisy(long seed, int n, double mean, double sigma) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = mean + r.nextGaussian() * sigma;
        }
        return v;
    }

    static double[] ramp(int n, double from, double to) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = from + (to - from) * i / (n - 1);
        }
        return v;
    }

    static List<Reading> readings(String source, Instant start, Duration step, double... values) {
        String[] p = Reading.splitSource(source);
        List<Reading> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            out.add(Reading.numeric("n1", p[0], p[1], values[i], "C", start.plus(step.multipliedBy(i)), Map.of()));
        }
        return out;
    }
}
