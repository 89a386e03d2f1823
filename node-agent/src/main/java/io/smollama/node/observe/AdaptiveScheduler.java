package io.smollama.node.observe;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Chooses the time between observation rounds from how much the readings move. Each period it judges
 * every numeric, non-binary source over the volatility window: <em>volatile</em> when its coefficient of
 * variation exceeds {@link Policy#volatileCv} or its largest step between consecutive points exceeds
 * {@link Policy#volatileStep} of its mean; <em>stable</em> when both are below {@link Policy#stableCv}
 * and {@link Policy#stableStep}. The period is volatile when any source is, stable when every judged
 * source is, and steady otherwise. Only after {@link Policy#periods} consecutive periods with the same
 * verdict does the interval change: halved when volatile, ×1.5 when stable, always within
 * {@code [min, max]}; then the count starts again. A steady period resets the count, so the interval
 * never flaps between two neighbouring values. Sources with a mean of 0 (CV undefined) and binary
 * sources (motion, doors: they are counted by the summariser instead) are not judged.
 *
 * <p>Not thread-safe: the loop's thread calls {@link #evaluate}; {@link #interval()} and
 * {@link #reason()} may be read from any thread.
 */
final class AdaptiveScheduler {

    /** Thresholds and hysteresis; {@link #DEFAULT}: CV 0.25 / 0.05, step 0.20 / 0.05, 3 periods. */
    record Policy(double volatileCv, double stableCv, double volatileStep, double stableStep, int periods) {
        static final Policy DEFAULT = new Policy(0.25, 0.05, 0.20, 0.05, 3);

        Policy {
            if (stableCv > volatileCv || stableStep > volatileStep || periods < 1) {
                throw new IllegalArgumentException("inconsistent scheduler policy " + this);
            }
        }
    }

    enum Verdict {
        VOLATILE,
        STABLE,
        STEADY,
        NO_DATA
    }

    /** The outcome of one period: the verdict, the interval now in force and why. */
    record Decision(Verdict verdict, Duration interval, String reason, boolean changed) {}

    private final Duration min;
    private final Duration max;
    private final Policy policy;
    private volatile Duration interval;
    private volatile String reason;
    private Verdict streakVerdict = Verdict.NO_DATA;
    private int streak;

    AdaptiveScheduler(Duration initial, Duration min, Duration max, Policy policy) {
        this.min = min;
        this.max = max;
        this.policy = policy;
        this.interval = ObserveSettings.clamp(initial, min, max);
        this.reason = "starting interval (observe.interval)";
    }

    static AdaptiveScheduler from(ObserveSettings s) {
        return new AdaptiveScheduler(s.interval(), s.minInterval(), s.maxInterval(), Policy.DEFAULT);
    }

    Duration interval() {
        return interval;
    }

    String reason() {
        return reason;
    }

    /** Judges one period's statistics and changes the interval when the hysteresis allows. */
    Decision evaluate(List<SourceStats> window) {
        String worst = null;
        double worstScore = 0;
        String notStable = null;
        int judged = 0;
        for (SourceStats s : window) {
            double cv = s.cv();
            double step = s.relativeStep();
            if (s.binary() || s.points().size() < 3 || Double.isNaN(cv)) {
                continue;
            }
            judged++;
            double score = Math.max(cv / policy.volatileCv(), step / policy.volatileStep());
            if (score > 1 && score > worstScore) {
                worstScore = score;
                worst = cv / policy.volatileCv() >= step / policy.volatileStep()
                        ? s.source() + " cv " + num(cv) + " > " + num(policy.volatileCv())
                        : s.source() + " step " + num(step) + " of mean > " + num(policy.volatileStep());
            }
            if (notStable == null && (cv >= policy.stableCv() || step >= policy.stableStep())) {
                notStable = s.source() + " cv " + num(cv) + ", step " + num(step);
            }
        }
        Verdict verdict;
        String evidence;
        if (judged == 0) {
            verdict = Verdict.NO_DATA;
            evidence = "no numeric readings to judge";
        } else if (worst != null) {
            verdict = Verdict.VOLATILE;
            evidence = "volatile: " + worst;
        } else if (notStable == null) {
            verdict = Verdict.STABLE;
            evidence = "stable: " + judged + (judged == 1 ? " source" : " sources") + " cv < " + num(policy.stableCv())
                    + " and step < " + num(policy.stableStep());
        } else {
            verdict = Verdict.STEADY;
            evidence = "steady: nothing volatile, not yet stable (" + notStable + ")";
        }
        return apply(verdict, evidence);
    }

    private Decision apply(Verdict verdict, String evidence) {
        if (verdict == Verdict.STEADY || verdict == Verdict.NO_DATA) {
            streak = 0;
            streakVerdict = verdict;
            reason = evidence + "; keeping " + words(interval);
            return new Decision(verdict, interval, reason, false);
        }
        streak = verdict == streakVerdict ? streak + 1 : 1;
        streakVerdict = verdict;
        if (streak < policy.periods()) {
            reason = evidence + " (" + streak + " of " + policy.periods() + " periods)";
            return new Decision(verdict, interval, reason, false);
        }
        streak = 0;
        Duration next = verdict == Verdict.VOLATILE
                ? ObserveSettings.clamp(interval.dividedBy(2), min, max)
                : ObserveSettings.clamp(Duration.ofMillis(Math.round(interval.toMillis() * 1.5)), min, max);
        String suffix = " for " + policy.periods() + " periods";
        boolean changed = !next.equals(interval);
        if (changed) {
            suffix += verdict == Verdict.VOLATILE ? "; halved to " : "; grown to ";
            suffix += words(next);
        } else {
            suffix += verdict == Verdict.VOLATILE ? "; already at min_interval " : "; already at max_interval ";
            suffix += words(next);
        }
        interval = next;
        reason = evidence + suffix;
        return new Decision(verdict, next, reason, changed);
    }

    static String num(double x) {
        return String.format(Locale.ROOT, "%.2f", x);
    }

    /** A duration as people read it: {@code 2m30s}, {@code 1h}, {@code 45s}, {@code 750ms}. */
    static String words(Duration d) {
        if (d.toMillis() < 1000) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        StringBuilder b = new StringBuilder();
        if (s >= 86_400) {
            b.append(s / 86_400).append('d');
        }
        if (s % 86_400 >= 3600) {
            b.append(s % 86_400 / 3600).append('h');
        }
        if (s % 3600 >= 60) {
            b.append(s % 3600 / 60).append('m');
        }
        if (s % 60 > 0) {
            b.append(s % 60).append('s');
        }
        return b.toString();
    }
}
