package io.smollama.node.plugin.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smollama.node.plugin.PluginContext;
import io.smollama.node.plugin.Sample;
import io.smollama.node.plugin.SourceSpec;
import io.smollama.node.testsupport.MutableClock;
import io.smollama.node.testsupport.PluginConfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedPluginTest {

    private static final Instant MONDAY_MIDNIGHT = Instant.parse("2025-06-02T00:00:00Z");
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    @TempDir
    Path data;

    private SimulatedPlugin started(MutableClock clock, Map<String, ?> values) {
        SimulatedPlugin plugin = new SimulatedPlugin();
        plugin.start(new PluginContext("n", PluginConfigs.section(plugin, values), clock, data));
        return plugin;
    }

    private static double value(Sample sample) {
        return ((Sample.Numeric) sample).value();
    }

    /** Reads every source every {@code step} for {@code span}; returns one row per step. */
    private static List<Map<String, Double>> run(
            SimulatedPlugin plugin, MutableClock clock, Duration step, Duration span) {
        List<Map<String, Double>> rows = new ArrayList<>();
        for (long t = 0; t < span.toSeconds(); t += step.toSeconds()) {
            clock.advance(step);
            Map<String, Double> row = new java.util.HashMap<>();
            for (SourceSpec source : plugin.sources()) {
                row.put(source.id(), value(plugin.sample(source.id())));
            }
            rows.add(row);
        }
        return rows;
    }

    @Test
    void valuesStayInRealisticRangesOverTwoWeeks() {
        MutableClock clock = new MutableClock(MONDAY_MIDNIGHT, ZONE);
        SimulatedPlugin plugin = started(clock, Map.of());

        List<Map<String, Double>> rows = run(plugin, clock, Duration.ofMinutes(7), Duration.ofDays(14));

        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("temperature")).isBetween(14.0, 28.0);
            assertThat(r.get("humidity")).isBetween(20.0, 80.0);
            assertThat(r.get("pressure")).isBetween(980.0, 1045.0);
            assertThat(r.get("light")).isBetween(0.0, 1000.0);
            assertThat(r.get("motion")).isIn(0.0, 1.0);
        });
    }

    @Test
    void sameSeedAndClockGiveTheSameReadingsAndAnotherSeedDoesNot() {
        MutableClock a = new MutableClock(MONDAY_MIDNIGHT, ZONE);
        MutableClock b = new MutableClock(MONDAY_MIDNIGHT, ZONE);
        MutableClock c = new MutableClock(MONDAY_MIDNIGHT, ZONE);
        List<Map<String, Double>> first =
                run(started(a, Map.of("seed", 7)), a, Duration.ofSeconds(5), Duration.ofHours(2));
        List<Map<String, Double>> second =
                run(started(b, Map.of("seed", 7)), b, Duration.ofSeconds(5), Duration.ofHours(2));
        List<Map<String, Double>> other =
                run(started(c, Map.of("seed", 8)), c, Duration.ofSeconds(5), Duration.ofHours(2));

        assertThat(second).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void temperatureFollowsTheTimeOfDayAndLightFollowsDaylight() {
        MutableClock clock = new MutableClock(MONDAY_MIDNIGHT, ZONE);
        SimulatedPlugin plugin = started(clock, Map.of());
        double afternoon = 0;
        double night = 0;
        for (int day = 0; day < 7; day++) {
            Instant midnight = MONDAY_MIDNIGHT
                    .atZone(ZONE)
                    .toLocalDate()
                    .plusDays(day)
                    .atStartOfDay(ZONE)
                    .toInstant();
            clock.set(midnight.plus(Duration.ofHours(15)));
            afternoon += value(plugin.sample("temperature"));
            assertThat(value(plugin.sample("light"))).as("light at 15:00").isGreaterThan(100);
            clock.set(midnight.plus(Duration.ofHours(4)));
            night += value(plugin.sample("temperature"));
            assertThat(value(plugin.sample("light"))).as("light at 04:00").isLessThan(5);
        }
        assertThat(afternoon / 7).isGreaterThan(night / 7 + 2);
    }

    @Test
    void humidityFallsAsTemperatureRises() {
        MutableClock clock = new MutableClock(MONDAY_MIDNIGHT, ZONE);
        List<Map<String, Double>> rows =
                run(started(clock, Map.of()), clock, Duration.ofMinutes(10), Duration.ofDays(3));

        assertThat(correlation(rows, "temperature", "humidity")).isLessThan(-0.5);
    }

    @Test
    void motionComesInBurstsAndIsNeitherConstantNorAbsent() {
        MutableClock clock = new MutableClock(MONDAY_MIDNIGHT, ZONE);
        List<Map<String, Double>> rows = run(
                started(clock, Map.of("sensors", List.of("motion"))), clock, Duration.ofSeconds(5), Duration.ofDays(2));

        double[] motion = rows.stream().mapToDouble(r -> r.get("motion")).toArray();
        double rate = java.util.Arrays.stream(motion).average().orElseThrow();
        int afterMotion = 0;
        int motionAfterMotion = 0;
        for (int i = 1; i < motion.length; i++) {
            if (motion[i - 1] == 1) {
                afterMotion++;
                if (motion[i] == 1) motionAfterMotion++;
            }
        }
        assertThat(rate).isBetween(0.01, 0.6);
        assertThat((double) motionAfterMotion / afterMotion)
                .as("motion right after motion")
                .isGreaterThan(2 * rate);
    }

    @Test
    void everySourceAndReadingIsMarkedSimulatedWithAUnitWhereOneApplies() {
        MutableClock clock = new MutableClock(MONDAY_MIDNIGHT, ZONE);
        SimulatedPlugin plugin = started(clock, Map.of());

        assertThat(plugin.sources())
                .extracting(SourceSpec::id)
                .containsExactly("temperature", "humidity", "pressure", "light", "motion");
        assertThat(plugin.sources()).extracting(SourceSpec::unit).containsExactly("°C", "%", "hPa", "lx", null);
        assertThat(plugin.sources()).allSatisfy(s -> {
            assertThat(s.metadata()).containsEntry("simulated", "true");
            assertThat(s.interval()).hasSeconds(5);
            assertThat(((Sample.Numeric) plugin.sample(s.id())).metadata()).containsEntry("simulated", "true");
        });
    }

    @Test
    void onlyTheListedSensorsAreSimulatedAndUnknownOnesAreRejected() {
        MutableClock clock = new MutableClock(MONDAY_MIDNIGHT, ZONE);
        assertThat(started(clock, Map.of("sensors", List.of("light", "pressure")))
                        .sources())
                .extracting(SourceSpec::id)
                .containsExactly("pressure", "light");

        assertThatThrownBy(() -> started(clock, Map.of("sensors", List.of("light", "radon"))))
                .hasMessage("plugins.simulated.sensors: unknown sensor 'radon'; expected any of "
                        + "temperature, humidity, pressure, light, motion");
    }

    @Test
    void isDisabledUnlessTheConfigEnablesIt() {
        assertThat(new SimulatedPlugin().enabledByDefault()).isFalse();
    }

    private static double correlation(List<Map<String, Double>> rows, String x, String y) {
        double n = rows.size();
        double mx = rows.stream().mapToDouble(r -> r.get(x)).sum() / n;
        double my = rows.stream().mapToDouble(r -> r.get(y)).sum() / n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (Map<String, Double> r : rows) {
            double dx = r.get(x) - mx;
            double dy = r.get(y) - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
