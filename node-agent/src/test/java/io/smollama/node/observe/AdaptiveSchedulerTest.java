package io.smollama.node.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdaptiveSchedulerTest {

    private static final double[] VOLATILE = {10, 13, 16, 19, 22, 25, 28, 31, 28, 25, 22, 19, 16, 13, 10};
    private static final double[] STABLE = {20.0, 20.01, 20.02, 20.0, 19.99, 20.01, 20.0, 20.02, 20.01, 20.0};
    private static final double[] STEADY = {20, 21, 22, 20, 19, 21, 20, 22, 21, 20};

    private static AdaptiveScheduler scheduler(Duration start) {
        return new AdaptiveScheduler(
                start, Duration.ofMinutes(1), Duration.ofMinutes(30), AdaptiveScheduler.Policy.DEFAULT);
    }

    private static List<SourceStats> window(double... values) {
        return List.of(Points.stats("sim:calm", STABLE), Points.stats("system:cpu_load", values));
    }

    @Test
    void halvesTheIntervalAfterThreeConsecutiveVolatilePeriods() {
        AdaptiveScheduler s = scheduler(Duration.ofMinutes(8));

        s.evaluate(window(VOLATILE));
        var second = s.evaluate(window(VOLATILE));
        assertThat(second.interval()).isEqualTo(Duration.ofMinutes(8));
        assertThat(second.reason()).startsWith("volatile: system:cpu_load cv ").endsWith("(2 of 3 periods)");

        var third = s.evaluate(window(VOLATILE));
        assertThat(third.changed()).isTrue();
        assertThat(s.interval()).isEqualTo(Duration.ofMinutes(4));
        assertThat(s.reason()).matches("volatile: system:cpu_load cv 0\\.\\d\\d > 0\\.25 for 3 periods; halved to 4m");
    }

    @Test
    void growsTheIntervalByHalfAfterThreeStablePeriods() {
        AdaptiveScheduler s = scheduler(Duration.ofMinutes(8));
        for (int i = 0; i < 3; i++) {
            s.evaluate(List.of(Points.stats("sim:a", STABLE), Points.stats("sim:b", STABLE)));
        }
        assertThat(s.interval()).isEqualTo(Duration.ofMinutes(12));
        assertThat(s.reason()).isEqualTo("stable: 2 sources cv < 0.05 and step < 0.05 for 3 periods; grown to 12m");
    }

    @Test
    void staysWithinMinAndMaxInterval() {
        AdaptiveScheduler fast = scheduler(Duration.ofMinutes(2));
        for (int i = 0; i < 9; i++) {
            fast.evaluate(window(VOLATILE));
        }
        assertThat(fast.interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(fast.reason()).endsWith("for 3 periods; already at min_interval 1m");

        AdaptiveScheduler slow = scheduler(Duration.ofMinutes(20));
        for (int i = 0; i < 9; i++) {
            slow.evaluate(List.of(Points.stats("sim:a", STABLE)));
        }
        assertThat(slow.interval()).isEqualTo(Duration.ofMinutes(30));
        assertThat(slow.reason()).endsWith("already at max_interval 30m");
    }

    @Test
    void alternatingOrInterruptedVerdictsNeverChangeTheInterval() {
        AdaptiveScheduler s = scheduler(Duration.ofMinutes(8));
        for (int i = 0; i < 10; i++) {
            s.evaluate(window(VOLATILE));
            s.evaluate(window(VOLATILE));
            s.evaluate(List.of(Points.stats("sim:a", STABLE)));
            s.evaluate(List.of(Points.stats("sim:a", STABLE)));
            s.evaluate(window(STEADY));
        }
        assertThat(s.interval()).isEqualTo(Duration.ofMinutes(8));
        assertThat(s.reason()).startsWith("steady: nothing volatile, not yet stable (system:cpu_load");
    }

    @Test
    void binarySourcesAndSourcesWithAZeroMeanAreNotJudged() {
        AdaptiveScheduler s = scheduler(Duration.ofMinutes(8));
        for (int i = 0; i < 3; i++) {
            s.evaluate(List.of(
                    Points.stats("sim:motion", 0, 1, 0, 0, 1, 1, 0),
                    Points.stats("sim:zero", 0, 0, 0, 0, 0),
                    Points.stats("sim:a", STABLE)));
        }
        assertThat(s.interval()).isEqualTo(Duration.ofMinutes(12));
        assertThat(s.reason()).startsWith("stable: 1 source ");
    }

    @Test
    void withoutReadingsTheStartingIntervalIsKept() {
        AdaptiveScheduler s = scheduler(Duration.ofMinutes(5));
        assertThat(s.reason()).isEqualTo("starting interval (observe.interval)");
        s.evaluate(List.of());
        assertThat(s.interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.reason()).isEqualTo("no numeric readings to judge; keeping 5m");
    }

    @Test
    void aLargeStepCountsAsVolatileEvenWhenTheCvIsSmall() {
        double[] jump = new double[40];
        java.util.Arrays.fill(jump, 100);
        jump[39] = 130;
        AdaptiveScheduler s = scheduler(Duration.ofMinutes(8));
        var d = s.evaluate(List.of(Points.stats("sim:pressure", jump)));
        assertThat(d.verdict()).isEqualTo(AdaptiveScheduler.Verdict.VOLATILE);
        assertThat(d.reason()).startsWith("volatile: sim:pressure step 0.30 of mean > 0.20");
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        assertThat(AdaptiveScheduler.words(Duration.ofSeconds(150))).isEqualTo("2m30s");
        assertThat(AdaptiveScheduler.words(Duration.ofHours(1))).isEqualTo("1h");
        assertThat(AdaptiveScheduler.words(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(AdaptiveScheduler.words(Duration.ofDays(1).plusMinutes(5))).isEqualTo("1d5m");
    }
}
