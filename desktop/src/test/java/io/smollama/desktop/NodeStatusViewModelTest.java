package io.smollama.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.common.ComponentHealth;
import io.smollama.common.Health;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shell's view-model, without starting JavaFX. */
class NodeStatusViewModelTest {

    @Test
    void showsNodeRoleVersionUptimeAndEachComponent() {
        NodeStatusViewModel m = new NodeStatusViewModel();
        m.update(new Health(
                "degraded",
                "pi-1",
                "hub",
                "1.2.3",
                Instant.parse("2026-01-01T00:00:00Z"),
                90_061,
                Map.of("store", ComponentHealth.up("queue 0"), "plugin.gpio", ComponentHealth.down("FAILED: no chip")),
                Map.of("readings", 42L),
                Map.of()));
        assertThat(m.stateProperty().get()).isEqualTo("degraded");
        assertThat(m.titleProperty().get()).isEqualTo("pi-1 · hub · v1.2.3");
        assertThat(m.detailProperty().get()).startsWith("up 1d 01h 01m").contains("readings 42");
        assertThat(m.components()).containsExactly("DOWN  plugin.gpio — FAILED: no chip", "UP  store — queue 0");
    }

    @Test
    void anUnreachableNodeShowsOfflineWithTheReason() {
        NodeStatusViewModel m = new NodeStatusViewModel();
        m.unreachable("connection refused — retrying in 4 s");
        assertThat(m.stateProperty().get()).isEqualTo("offline");
        assertThat(m.detailProperty().get()).contains("retrying");
    }
}
