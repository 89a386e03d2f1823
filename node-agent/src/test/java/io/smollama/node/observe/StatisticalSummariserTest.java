package io.smollama.node.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.node.memory.ObservationDraft;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatisticalSummariserTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private final StatisticalSummariser summariser = new StatisticalSummariser();

    private static List<ObservationDraft> ofType(List<ObservationDraft> drafts, String type) {
        return drafts.stream().filter(d -> d.type().equals(type)).toList();
    }

    @Test
    void findsAPlantedAnomalyByRobustZScore() {
        double[] v = Points.noisy(7, 60, 20, 0.2);
        v[30] = 27;
        var drafts = summariser.summarise(List.of(Points.stats("sim:temp", v)), HOUR);

        var anomalies = ofType(drafts, "anomaly");
        assertThat(anomalies).hasSize(1);
        ObservationDraft a = anomalies.getFirst();
        assertThat(a.text()).startsWith("sim:temp was 27 C at 12:30Z, far above its usual 20");
        assertThat(a.text()).contains("robust z");
        assertThat(a.relatedSources()).containsExactly("sim:temp");
        assertThat(a.source()).isEqualTo("statistics");
        assertThat(a.confidence()).isBetween(0.6, 0.95);
    }

    @Test
    void plainNoiseYieldsNoAnomalyAndNoTrend() {
        for (long seed = 1; seed <= 20; seed++) {
            var drafts = new StatisticalSummariser()
                    .summarise(List.of(Points.stats("sim:temp", Points.noisy(seed, 60, 20, 0.2))), HOUR);
            assertThat(ofType(drafts, "anomaly")).as("seed %d", seed).isEmpty();
            assertThat(ofType(drafts, "pattern")).as("seed %d", seed).isEmpty();
        }
    }

    @Test
    void reportsANewMaximumOverTheLookback() {
        double[] v = Points.noisy(3, 30, 20, 0.2);
        v[29] = 23.5;
        var drafts = summariser.summarise(List.of(Points.stats("sim:temp", v)), HOUR);

        assertThat(ofType(drafts, "status")).extracting(ObservationDraft::text).anySatisfy(t -> assertThat(t)
                .startsWith("sim:temp reached 23.5 C, its highest in the last 1h"));
    }

    @Test
    void aNewExtremeThatRoundsToThePreviousOneIsNotReported() {
        // a slow drift, as of barometric pressure: every point is a little above the last
        double[] v = Points.ramp(30, 1018.0, 1018.3);
        var drafts = summariser.summarise(List.of(Points.stats("sim:pressure", v)), HOUR);
        assertThat(drafts).extracting(ObservationDraft::text).noneSatisfy(t -> assertThat(t)
                .contains("its highest"));

        v[29] = 1019.4;
        drafts = new StatisticalSummariser().summarise(List.of(Points.stats("sim:pressure", v)), HOUR);
        assertThat(drafts).extracting(ObservationDraft::text).anySatisfy(t -> assertThat(t)
                .startsWith("sim:pressure reached 1019 C, its highest in the last 1h (previous high 1018 C)"));
    }

    @Test
    void reportsANewMinimumOverTheLookback() {
        double[] v = Points.noisy(4, 30, 20, 0.2);
        v[29] = 15;
        var drafts = summariser.summarise(List.of(Points.stats("sim:temp", v)), HOUR);
        assertThat(drafts).extracting(ObservationDraft::text).anySatisfy(t -> assertThat(t)
                .startsWith("sim:temp fell to 15 C, its lowest in the last 1h"));
    }

    @Test
    void anUptimeOrAFlatValueTwitchingIsNotReportedAsATrendANewHighOrAnAnomaly() {
        double[] uptime = Points.ramp(30, 12_000, 12_130);
        double[] disk = new double[30];
        java.util.Arrays.fill(disk, 28.2);
        disk[20] = 28.1;
        var drafts = summariser.summarise(
                List.of(Points.stats("system:uptime", uptime), Points.stats("system:disk_percent", disk)), HOUR);

        assertThat(drafts).extracting(ObservationDraft::text).noneSatisfy(t -> assertThat(t)
                .containsAnyOf("highest", "lowest", "far below", "far above", "rose by", "fell by"));
    }

    @Test
    void aTinyDipOnANearlyFlatLineIsNotAnAnomalyThoughItsZScoreIsHuge() {
        double[] disk = Points.noisy(3, 60, 29.5, 0.0005);
        disk[40] = 29.4; // 0.3 % off: a z of hundreds, but nothing a person would call far below
        var drafts = summariser.summarise(List.of(Points.stats("system:disk_percent", disk)), HOUR);

        assertThat(ofType(drafts, "anomaly")).isEmpty();
    }

    @Test
    void countsOnesOfABinarySourceThatIsNotAMotionSensorInPlainWords() {
        double[] door = new double[11];
        java.util.Arrays.fill(door, 1);
        door[3] = 0;
        var drafts = summariser.summarise(List.of(Points.stats("gpio:door", door)), HOUR);

        assertThat(drafts)
                .extracting(ObservationDraft::text)
                .contains("gpio:door was 1 in 10 of 11 readings over the last 1h");
    }

    @Test
    void findsARisingTrend() {
        double[] v = Points.ramp(61, 20, 25);
        double[] noise = Points.noisy(5, 61, 0, 0.1);
        for (int i = 0; i < v.length; i++) {
            v[i] += noise[i];
        }
        var trends = ofType(summariser.summarise(List.of(Points.stats("sim:temp", v)), HOUR), "pattern");

        assertThat(trends).hasSize(1);
        assertThat(trends.getFirst().text())
                .matches("sim:temp rose by 5(\\.\\d+)? C over the last 1h \\(.*r² (0\\.9\\d|1\\.00)\\)");
        assertThat(trends.getFirst().confidence()).isBetween(0.9, 0.95);
    }

    @Test
    void countsMotionOfABinarySource() {
        double[] v = new double[30];
        for (int i : new int[] {3, 4, 5, 17, 18, 25, 26}) {
            v[i] = 1;
        }
        var drafts = summariser.summarise(List.of(Points.stats("simulated:motion", v)), HOUR);

        assertThat(drafts).singleElement().satisfies(d -> {
            assertThat(d.text()).isEqualTo("simulated:motion: motion in 7 of 30 readings over the last 1h");
            assertThat(d.type()).isEqualTo("status");
            assertThat(d.relatedSources()).containsExactly("simulated:motion");
        });
        var quiet =
                new StatisticalSummariser().summarise(List.of(Points.stats("simulated:motion", new double[30])), HOUR);
        assertThat(quiet)
                .singleElement()
                .extracting(ObservationDraft::text)
                .isEqualTo("simulated:motion: no motion in the last 1h (30 readings)");
    }

    @Test
    void doesNotRepeatAnUnchangedFactButReportsAChangedOne() {
        double[] v = Points.ramp(30, 20, 25);
        var first = summariser.summarise(List.of(Points.stats("sim:temp", v)), HOUR);
        assertThat(first).isNotEmpty();

        assertThat(summariser.summarise(List.of(Points.stats("sim:temp", v)), HOUR))
                .isEmpty();

        double[] steeper = Points.ramp(30, 20, 30);
        assertThat(summariser.summarise(List.of(Points.stats("sim:temp", steeper)), HOUR))
                .extracting(ObservationDraft::text)
                .anySatisfy(t -> assertThat(t).startsWith("sim:temp rose by 10 C"));
    }
}
