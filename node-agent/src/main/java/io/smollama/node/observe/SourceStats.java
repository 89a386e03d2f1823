package io.smollama.node.observe;

import io.smollama.common.HistoryPoint;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Statistics of one numeric source over a window, computed from its downsampled history (raw readings
 * when few, else per-bucket averages): the values the scheduler, the summariser and the LLM prompt use.
 * {@code slopePerHour} and {@code r2} come from a least-squares line through the points; {@code maxStep}
 * is the largest change between consecutive points; {@code median}/{@code mad} are over the point
 * values. A source is {@code binary} when every reading is 0 or 1; then {@code ones} counts the 1s.
 */
record SourceStats(
        String source,
        @Nullable String unit,
        List<HistoryPoint> points,
        long readings,
        double mean,
        double stddev,
        double min,
        double max,
        double first,
        double last,
        double maxStep,
        double slopePerHour,
        double r2,
        double median,
        double mad,
        boolean binary,
        long ones) {

    SourceStats {
        points = List.copyOf(points);
    }

    /** Statistics of {@code points} (oldest first); {@code points} must not be empty. */
    static SourceStats of(String source, @Nullable String unit, List<HistoryPoint> points) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("no points for " + source);
        }
        int n = points.size();
        double[] v = new double[n];
        double[] hours = new double[n];
        long t0 = points.getFirst().timestamp().toEpochMilli();
        long readings = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double ones = 0;
        boolean binary = true;
        double maxStep = 0;
        for (int i = 0; i < n; i++) {
            HistoryPoint p = points.get(i);
            v[i] = p.avg();
            hours[i] = (p.timestamp().toEpochMilli() - t0) / 3_600_000.0;
            readings += p.count();
            sum += v[i];
            min = Math.min(min, p.min());
            max = Math.max(max, p.max());
            binary &= isBit(p.min()) && isBit(p.max());
            ones += p.avg() * p.count();
            if (i > 0) {
                maxStep = Math.max(maxStep, Math.abs(v[i] - v[i - 1]));
            }
        }
        double mean = sum / n;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        double stddev = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
        double[] line = leastSquares(hours, v);
        double median = median(v);
        double[] dev = new double[n];
        for (int i = 0; i < n; i++) {
            dev[i] = Math.abs(v[i] - median);
        }
        return new SourceStats(
                source,
                unit,
                points,
                readings,
                mean,
                stddev,
                min,
                max,
                v[0],
                v[n - 1],
                maxStep,
                line[0],
                line[1],
                median,
                median(dev),
                binary,
                binary ? Math.round(ones) : 0);
    }

    /** Coefficient of variation, stddev / |mean|; NaN when the mean is 0. */
    double cv() {
        return Math.abs(mean) < 1e-12 ? Double.NaN : stddev / Math.abs(mean);
    }

    /** The largest step between consecutive points relative to |mean|; NaN when the mean is 0. */
    double relativeStep() {
        return Math.abs(mean) < 1e-12 ? Double.NaN : maxStep / Math.abs(mean);
    }

    Instant from() {
        return points.getFirst().timestamp();
    }

    Instant to() {
        return points.getLast().timestamp();
    }

    /** Slope (per hour) and r² of the least-squares line through (x, y); both 0 when x does not vary. */
    static double[] leastSquares(double[] x, double[] y) {
        int n = x.length;
        double mx = Arrays.stream(x).average().orElse(0);
        double my = Arrays.stream(y).average().orElse(0);
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
            syy += (y[i] - my) * (y[i] - my);
        }
        if (sxx == 0) {
            return new double[] {0, 0};
        }
        double slope = sxy / sxx;
        double r2 = syy == 0 ? 0 : (sxy * sxy) / (sxx * syy);
        return new double[] {slope, r2};
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static boolean isBit(double x) {
        return x == 0 || x == 1;
    }
}
