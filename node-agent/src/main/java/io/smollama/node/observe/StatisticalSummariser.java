package io.smollama.node.observe;

import io.smollama.node.memory.ObservationDraft;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Writes factual observations (source {@code statistics}) from the per-source statistics of the lookback
 * window, for a node whose LLM cannot answer:
 *
 * <ul>
 *   <li><b>trend</b> ({@code pattern}): the least-squares line through at least 5 points explains
 *       r² ≥ 0.6 of the variance and moves the value by at least 1% of its mean; confidence r², within
 *       0.5..0.95;
 *   <li><b>new maximum / minimum</b> ({@code status}): the newest point goes beyond every earlier point
 *       of the window (at least 5), by enough to show in the written value; confidence 0.9;
 *   <li><b>anomaly</b> ({@code anomaly}): the point with the largest robust z-score, 0.6745·(x − median)
 *       / MAD (MAD 0: mean absolute deviation × 1.2533 instead), when |z| > 4.5 over at least 7
 *       points (stricter than the textbook 3.5, because every round tests every source); on a flat
 *       series (MAD 0) the point must also lie at least 1% of the mean from the median; confidence 0.6
 *       rising with |z| to 0.95;
 *   <li><b>motion counts</b> ({@code status}) for binary sources: how many readings were 1;
 *       confidence 0.95.
 * </ul>
 *
 * On a flat series any blip has a huge z-score; the 1% floor keeps out a disk use of 28.1 % "far
 * below" a flat 28.2 %. Uptime sources are left out: they rise with the clock, so their trend and
 * new highs say nothing.
 *
 * <p>A fact is written only when it differs from the one last written for the same source and kind
 * (the same trend, the same anomalous point, the same count is not repeated every round).
 */
final class StatisticalSummariser {

    static final String SOURCE = "statistics";
    static final double ANOMALY_Z = 4.5;
    /** The least change, as a share of the mean, that a trend or an anomaly of a flat series must show. */
    static final double MATERIAL = 0.01;

    private static final Pattern CLOCK = Pattern.compile("(?i).*uptime.*");
    private static final Pattern MOTION = Pattern.compile("(?i).*(motion|pir|presence|occupancy).*");
    private static final DateTimeFormatter HH_MM =
            DateTimeFormatter.ofPattern("HH:mm'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Map<String, String> lastWritten = new HashMap<>();

    /** The new facts about {@code window} (statistics over the last {@code lookback}). */
    List<ObservationDraft> summarise(List<SourceStats> window, Duration lookback) {
        String over = AdaptiveScheduler.words(lookback);
        List<ObservationDraft> out = new ArrayList<>();
        for (SourceStats s : window) {
            if (s.binary()) {
                motion(s, over, out);
                continue;
            }
            if (CLOCK.matcher(s.source()).matches()) {
                continue; // an uptime rises with the clock: its trend and every new high are no news
            }
            trend(s, over, out);
            extremes(s, over, out);
            anomaly(s, over, out);
        }
        return out;
    }

    private void trend(SourceStats s, String over, List<ObservationDraft> out) {
        int n = s.points().size();
        if (n < 5 || s.r2() < 0.6) {
            return;
        }
        double hours = (s.to().toEpochMilli() - s.from().toEpochMilli()) / 3_600_000.0;
        double change = s.slopePerHour() * hours;
        if (change == 0 || Math.abs(change) < MATERIAL * Math.abs(s.mean())) {
            return;
        }
        String verb = change > 0 ? "rose" : "fell";
        String fact = s.source() + " " + verb + " by " + value(Math.abs(change), s.unit()) + " over the last " + over
                + " (" + value(s.first(), s.unit()) + " → " + value(s.last(), s.unit()) + ", r² "
                + AdaptiveScheduler.num(s.r2()) + ")";
        emit(s, "trend", verb + " " + fmt(change), "pattern", fact, clamp(s.r2(), 0.5, 0.95), out);
    }

    private void extremes(SourceStats s, String over, List<ObservationDraft> out) {
        var points = s.points();
        if (points.size() < 5) {
            return;
        }
        var newest = points.getLast();
        double earlierMax = Double.NEGATIVE_INFINITY;
        double earlierMin = Double.POSITIVE_INFINITY;
        for (int i = 0; i < points.size() - 1; i++) {
            earlierMax = Math.max(earlierMax, points.get(i).max());
            earlierMin = Math.min(earlierMin, points.get(i).min());
        }
        // a new extreme that rounds to the previous one ("reached 1018 hPa (previous high 1018 hPa)") is not news
        if (newest.max() > earlierMax && !fmt(newest.max()).equals(fmt(earlierMax))) {
            String fact = s.source() + " reached " + value(newest.max(), s.unit()) + ", its highest in the last " + over
                    + " (previous high " + value(earlierMax, s.unit()) + ")";
            emit(s, "max", fmt(newest.max()), "status", fact, 0.9, out);
        }
        if (newest.min() < earlierMin && !fmt(newest.min()).equals(fmt(earlierMin))) {
            String fact = s.source() + " fell to " + value(newest.min(), s.unit()) + ", its lowest in the last " + over
                    + " (previous low " + value(earlierMin, s.unit()) + ")";
            emit(s, "min", fmt(newest.min()), "status", fact, 0.9, out);
        }
    }

    private void anomaly(SourceStats s, String over, List<ObservationDraft> out) {
        var points = s.points();
        if (points.size() < 7) {
            return;
        }
        double scale;
        if (s.mad() > 0) {
            scale = s.mad() / 0.6745;
        } else {
            double meanAbs = points.stream()
                    .mapToDouble(p -> Math.abs(p.avg() - s.median()))
                    .average()
                    .orElse(0);
            scale = meanAbs * 1.253314;
        }
        if (scale <= 0) {
            return;
        }
        int worst = -1;
        double worstZ = 0;
        for (int i = 0; i < points.size(); i++) {
            double z = (points.get(i).avg() - s.median()) / scale;
            if (Math.abs(z) > Math.abs(worstZ)) {
                worstZ = z;
                worst = i;
            }
        }
        if (worst < 0 || Math.abs(worstZ) <= ANOMALY_Z) {
            return;
        }
        var p = points.get(worst);
        if (Math.abs(p.avg() - s.median()) < MATERIAL * Math.abs(s.mean())) {
            return; // a blip on a (nearly) flat line: its z-score is huge, its size is not
        }
        String fact = s.source() + " was " + value(p.avg(), s.unit()) + " at " + HH_MM.format(p.timestamp())
                + ", far " + (worstZ > 0 ? "above" : "below") + " its usual " + value(s.median(), s.unit())
                + " in the last " + over + " (robust z " + String.format(Locale.ROOT, "%.1f", worstZ) + ")";
        double confidence = clamp(0.6 + (Math.abs(worstZ) - ANOMALY_Z) / 20, 0.6, 0.95);
        emit(s, "anomaly", p.timestamp().toString(), "anomaly", fact, confidence, out);
    }

    private void motion(SourceStats s, String over, List<ObservationDraft> out) {
        boolean motion = MOTION.matcher(s.source()).matches();
        String fact;
        if (motion) {
            fact = s.ones() == 0
                    ? s.source() + ": no motion in the last " + over + " (" + s.readings() + " readings)"
                    : s.source() + ": motion in " + s.ones() + " of " + s.readings() + " readings over the last "
                            + over;
        } else {
            // "gpio:door: 1 in 11 of 11 readings" read badly; say what the source was
            fact = s.source() + " was 1 in " + s.ones() + " of " + s.readings() + " readings over the last " + over;
        }
        emit(s, "count", Long.toString(s.ones()), "status", fact, 0.95, out);
    }

    private void emit(
            SourceStats s,
            String kind,
            String signature,
            String type,
            String fact,
            double confidence,
            List<ObservationDraft> out) {
        String key = s.source() + "|" + kind;
        if (signature.equals(lastWritten.get(key))) {
            return;
        }
        lastWritten.put(key, signature);
        out.add(new ObservationDraft(type, fact, confidence, List.of(s.source()), SOURCE));
    }

    static String value(double v, @Nullable String unit) {
        return fmt(v) + (unit == null || unit.isBlank() ? "" : " " + unit);
    }

    /** Up to two decimals, fewer for large values, no trailing zeros. */
    static String fmt(double v) {
        double a = Math.abs(v);
        String s = String.format(Locale.ROOT, a >= 1000 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s.equals("-0") ? "0" : s;
    }

    private static double clamp(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }
}
