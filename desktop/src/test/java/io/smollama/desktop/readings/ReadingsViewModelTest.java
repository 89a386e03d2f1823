package io.smollama.desktop.readings;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.common.Reading;
import io.smollama.desktop.service.LatestReadings;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadingsViewModelTest {

    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void showsEverySourceOfEveryNodeWithValueUnitAndAge() {
        LatestReadings latest = new LatestReadings();
        latest.offer("b", Reading.numeric("b", "system", "cpu_percent", 12.5, "%", T0.minusSeconds(3), Map.of()));
        latest.offer("a", Reading.text("a", "gpio", "door", "open", T0.minusSeconds(120), Map.of()));
        ReadingsViewModel m = new ReadingsViewModel(latest);
        m.refresh(T0);
        assertThat(m.rows())
                .containsExactly(
                        new ReadingRow("a", "gpio:door", "gpio", "open", "", 120, "2 min ago"),
                        new ReadingRow("b", "system:cpu_percent", "system", "12.500", "%", 3, "3 s ago"));
    }

    @Test
    void theFilterKeepsRowsMatchingEveryWord() {
        LatestReadings latest = new LatestReadings();
        latest.offer("pi-1", Reading.numeric("pi-1", "system", "cpu_percent", 1, "%", T0, Map.of()));
        latest.offer("pi-2", Reading.numeric("pi-2", "system", "cpu_percent", 2, "%", T0, Map.of()));
        latest.offer("pi-2", Reading.numeric("pi-2", "simulated", "temperature", 20, "°C", T0, Map.of()));
        ReadingsViewModel m = new ReadingsViewModel(latest);
        m.refresh(T0);
        m.filter().set("pi-2 cpu");
        assertThat(m.rows())
                .extracting(ReadingRow::node, ReadingRow::source)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("pi-2", "system:cpu_percent"));
        m.filter().set("°c");
        assertThat(m.rows()).extracting(ReadingRow::source).containsExactly("simulated:temperature");
        m.filter().set("");
        assertThat(m.rows()).hasSize(3);
    }
}
