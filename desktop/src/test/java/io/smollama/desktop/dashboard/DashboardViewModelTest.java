package io.smollama.desktop.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.common.Reading;
import io.smollama.desktop.service.LatestReadings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboard's state, without JavaFX running. */
class DashboardViewModelTest {

    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");
    private final LatestReadings latest = new LatestReadings();

    private void reading(String node, String id, double v, String unit, Instant at) {
        latest.offer(node, Reading.numeric(node, "simulated", id, v, unit, at, Map.of()));
    }

    @Test
    void theFirstSourcesBecomeChartsByUnitAndTheFirstFourArePinned() {
        reading("a", "humidity", 50, "%", T0);
        reading("a", "temperature", 20, "°C", T0);
        reading("b", "temperature", 22, "°C", T0);
        reading("b", "cpu", 10, "%", T0);
        reading("b", "pressure", 1000, "hPa", T0);
        reading("b", "light", 100, "lx", T0);
        DashboardViewModel m = new DashboardViewModel(latest, List.of(), List.of(), "LIVE_5M");
        m.refresh(T0);
        assertThat(m.chartsByUnit()).hasSize(DashboardViewModel.MAX_DEFAULT_CHARTS);
        assertThat(m.chartsByUnit().get("°C")).containsExactly("a|simulated:temperature", "b|simulated:temperature");
        assertThat(m.chartsByUnit().get("%")).containsExactly("a|simulated:humidity", "b|simulated:cpu");
        assertThat(m.pinned()).hasSize(DashboardViewModel.MAX_DEFAULT_PINS);
        assertThat(m.tiles()).hasSize(4);
    }

    @Test
    void unitlessSourcesGetAChartPerSourceTypeSoPinStatesDoNotShareAnAxisWithLoad() {
        latest.offer("a", Reading.numeric("a", "gpio", "fan", 1, null, T0, Map.of()));
        latest.offer("a", Reading.numeric("a", "gpio", "door", 0, null, T0, Map.of()));
        latest.offer("a", Reading.numeric("a", "system", "load_1m", 0.7, null, T0, Map.of()));
        latest.offer("a", Reading.numeric("a", "gpio", "probe-1/button", 1, null, T0, Map.of()));
        DashboardViewModel m = new DashboardViewModel(
                latest,
                List.of("a|gpio:fan", "a|system:load_1m", "a|gpio:door", "a|gpio:probe-1/button"),
                List.of(),
                "LIVE_5M");
        m.refresh(T0);
        assertThat(m.chartsByUnit())
                .containsOnlyKeys("Values · gpio", "Values · system")
                .containsEntry("Values · gpio", List.of("a|gpio:fan", "a|gpio:door", "a|gpio:probe-1/button"))
                .containsEntry("Values · system", List.of("a|system:load_1m"));
        assertThat(DashboardViewModel.axisUnit("Values · gpio")).isEmpty();
        assertThat(DashboardViewModel.axisUnit("°C")).isEqualTo("°C");
    }

    @Test
    void aSavedLayoutIsKeptAsItWas() {
        reading("a", "humidity", 50, "%", T0);
        DashboardViewModel m = new DashboardViewModel(latest, List.of("a|simulated:humidity"), List.of(), "D7");
        m.refresh(T0);
        assertThat(m.series()).containsExactly("a|simulated:humidity");
        assertThat(m.pinned()).isEmpty();
        assertThat(m.range().get()).isEqualTo(TimeRange.D7);
    }

    @Test
    void tilesShowValueUnitTrailAndAgeColour() {
        DashboardViewModel m = new DashboardViewModel(latest, List.of("x|simulated:t"), List.of("a|simulated:t"), "H1");
        reading("a", "t", 20.25, "°C", T0.minusSeconds(2));
        reading("a", "t", 21.5, "°C", T0.minusSeconds(1));
        m.refresh(T0);
        Tile t = m.tiles().getFirst();
        assertThat(t.value()).isEqualTo("21.5");
        assertThat(t.unit()).isEqualTo("°C");
        assertThat(t.trail()).containsExactly(20.25, 21.5);
        assertThat(t.age()).isEqualTo("1 s ago");
        assertThat(t.staleness()).isEqualTo(Tile.Staleness.FRESH);
        m.refresh(T0.plusSeconds(60));
        assertThat(m.tiles().getFirst().staleness()).isEqualTo(Tile.Staleness.LATE);
        m.refresh(T0.plusSeconds(600));
        assertThat(m.tiles().getFirst().staleness()).isEqualTo(Tile.Staleness.STALE);
    }

    @Test
    void aPinnedSourceWithoutReadingsSaysSo() {
        DashboardViewModel m = new DashboardViewModel(latest, List.of("x|s:t"), List.of("gone|simulated:t"), "H1");
        m.refresh(T0);
        assertThat(m.tiles().getFirst().age()).isEqualTo("no reading yet");
        assertThat(m.tiles().getFirst().staleness()).isEqualTo(Tile.Staleness.STALE);
    }

    @Test
    void togglingSeriesAndPinsAddsAndRemovesThem() {
        DashboardViewModel m = new DashboardViewModel(latest, List.of("a|s:x"), List.of(), "H1");
        m.toggleSeries("a|s:y");
        m.toggleSeries("a|s:x");
        m.togglePin("a|s:y");
        assertThat(m.series()).containsExactly("a|s:y");
        assertThat(m.pinned()).containsExactly("a|s:y");
    }

    @Test
    void choosingARangeResumesFollowingNow() {
        DashboardViewModel m = new DashboardViewModel(latest, List.of(), List.of(), "nonsense");
        assertThat(m.range().get()).isEqualTo(TimeRange.LIVE_5M);
        m.paused().set(true);
        m.selectRange(TimeRange.D90);
        assertThat(m.paused().get()).isFalse();
        assertThat(m.range().get().span()).hasDays(90);
    }
}
