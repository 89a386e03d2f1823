package io.smollama.desktop.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.common.ComponentHealth;
import io.smollama.common.Health;
import io.smollama.common.NodeStats;
import io.smollama.common.PluginInfo;
import io.smollama.desktop.service.Background;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The node detail, without JavaFX running. */
class NodeDetailViewModelTest {

    private final NodeDetailViewModel m = new NodeDetailViewModel(new Background(Runnable::run));

    @Test
    void showsVersionRoleUptimeComponentsSchedulerAndSync() {
        m.health(new Health(
                "degraded",
                "pi-1",
                "hub",
                "1.2.3",
                Instant.parse("2026-01-01T00:00:00Z"),
                90_061,
                Map.of(
                        "store", ComponentHealth.up("queue 0"),
                        "plugin.gpio", ComponentHealth.down("FAILED: no chip"),
                        "observe", ComponentHealth.up("every 5m")),
                Map.of("readings", 42L),
                Map.of()));
        assertThat(m.summary().get()).isEqualTo("degraded · hub · v1.2.3 · up 1d 01h 01m");
        assertThat(m.components())
                .containsExactly(
                        "UP  observe — every 5m", "DOWN  plugin.gpio — FAILED: no chip", "UP  store — queue 0");
        assertThat(m.scheduler().get()).isEqualTo("Observation scheduler: UP — every 5m");
        assertThat(m.sync().get()).isEqualTo("Sync: not on this node");
    }

    @Test
    void showsPluginsWithTheirStateAndStorageSize() {
        m.plugins(List.of(new PluginInfo("gpio", "sensor+actuator", "FAILED", "no chip", "builtin", List.of())));
        m.stats(new NodeStats("pi-1", 1234, 3, 0, 0, null, null, 5 * 1024 * 1024, 2.5, Map.of()));
        assertThat(m.plugins()).containsExactly("FAILED  gpio (sensor+actuator, 0 sources) — no chip");
        assertThat(m.storage().get())
                .isEqualTo("Storage: 5.0 MB database · 1,234 readings · 3 sources · 2.5 readings/s");
    }

    @Test
    void withoutANodeItSaysHowToGetOne() {
        m.show(null);
        assertThat(m.title().get()).isEqualTo("No node selected");
        assertThat(m.summary().get()).contains("Add a node");
    }
}
