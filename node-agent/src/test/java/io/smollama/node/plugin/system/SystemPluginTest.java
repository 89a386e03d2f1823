package io.smollama.node.plugin.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.node.plugin.PluginContext;
import io.smollama.node.plugin.Sample;
import io.smollama.node.plugin.SourceSpec;
import io.smollama.node.testsupport.PluginConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class SystemPluginTest {

    @TempDir
    Path temp;

    private SystemPlugin started(SystemPlugin plugin) throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        plugin.start(new PluginContext("n", PluginConfigs.section(plugin, Map.of()), Clock.systemUTC(), data));
        return plugin;
    }

    private static double value(Sample sample) {
        assertThat(sample).isInstanceOf(Sample.Numeric.class);
        return ((Sample.Numeric) sample).value();
    }

    private Path fakeRoot() throws Exception {
        Path root = temp.resolve("root");
        write(root, "proc/loadavg", "0.50 0.40 0.30 1/100 1234");
        write(root, "proc/stat", "cpu  100 0 100 700 100 0 0 0 0 0\ncpu0 100 0 100 700 100 0 0 0 0 0");
        write(root, "proc/meminfo", "MemTotal:       1000 kB\nMemFree:         100 kB\nMemAvailable:    250 kB");
        write(root, "proc/uptime", "3600.25 7000.00");
        return root;
    }

    private static void write(Path root, String file, String content) throws Exception {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void readsSaneValuesOnThisLinuxMachine() throws Exception {
        SystemPlugin plugin = started(new SystemPlugin());
        assertThat(plugin.sources())
                .extracting(SourceSpec::id)
                .contains("load_1m", "cpu_percent", "memory_percent", "disk_percent", "uptime");
        assertThat(plugin.sources()).allSatisfy(s -> assertThat(s.type()).isEqualTo("system"));

        long spin = System.nanoTime() + 50_000_000L;
        while (System.nanoTime() < spin) {
            Thread.onSpinWait();
        }
        assertThat(value(plugin.sample("load_1m"))).isGreaterThanOrEqualTo(0);
        assertThat(plugin.sample("cpu_percent"))
                .satisfiesAnyOf(s -> assertThat(s).isInstanceOf(Sample.Skip.class), s -> assertThat(value(s))
                        .isBetween(0.0, 100.0));
        assertThat(value(plugin.sample("memory_percent"))).isGreaterThan(0).isLessThan(100);
        assertThat(value(plugin.sample("disk_percent"))).isBetween(0.0, 100.0);
        assertThat(value(plugin.sample("uptime"))).isGreaterThan(0);
        if (plugin.sources().stream().anyMatch(s -> s.id().equals("cpu_temp"))) {
            assertThat(value(plugin.sample("cpu_temp"))).isBetween(-20.0, 125.0);
        } else {
            assertThat(plugin.statusNote())
                    .hasValueSatisfying(n -> assertThat(n).contains("cpu_temp omitted"));
        }
    }

    @Test
    void everySourceHasAUnitExceptLoad() throws Exception {
        SystemPlugin plugin = started(new SystemPlugin(fakeRoot()));

        assertThat(plugin.sources()).allSatisfy(s -> {
            if (s.id().equals("load_1m")) assertThat(s.unit()).isNull();
            else assertThat(s.unit()).isNotBlank();
        });
    }

    @Test
    void prefersTheCpuThermalZoneOverOthers() throws Exception {
        Path root = fakeRoot();
        write(root, "sys/class/thermal/thermal_zone0/type", "acpitz\n");
        write(root, "sys/class/thermal/thermal_zone0/temp", "30000\n");
        write(root, "sys/class/thermal/thermal_zone1/type", "x86_pkg_temp\n");
        write(root, "sys/class/thermal/thermal_zone1/temp", "45500\n");

        SystemPlugin plugin = started(new SystemPlugin(root));

        SourceSpec temp = plugin.sources().getFirst();
        assertThat(temp.id()).isEqualTo("cpu_temp");
        assertThat(temp.unit()).isEqualTo("°C");
        assertThat(temp.metadata()).containsEntry("zone", "x86_pkg_temp");
        assertThat(value(plugin.sample("cpu_temp"))).isEqualTo(45.5);
    }

    @Test
    void withoutAThermalZoneCpuTemperatureIsOmittedWithTheReason() throws Exception {
        SystemPlugin plugin = started(new SystemPlugin(fakeRoot()));

        assertThat(plugin.sources()).extracting(SourceSpec::id).doesNotContain("cpu_temp");
        assertThat(plugin.statusNote())
                .hasValue("cpu_temp omitted: this machine has no thermal zone under /sys/class/thermal");
    }

    @Test
    void cpuUseIsTheBusyShareOfTicksSinceThePreviousReading() throws Exception {
        Path root = fakeRoot();
        SystemPlugin plugin = started(new SystemPlugin(root));
        // +100 ticks in total, of which idle +20 and iowait +5: 75 % busy
        write(root, "proc/stat", "cpu  150 0 125 720 105 0 0 0 0 0");

        assertThat(value(plugin.sample("cpu_percent"))).isEqualTo(75.0);
        assertThat(value(plugin.sample("cpu_percent")))
                .as("no tick since: repeat")
                .isEqualTo(75.0);
    }

    @Test
    void memoryLoadAndUptimeComeFromProc() throws Exception {
        SystemPlugin plugin = started(new SystemPlugin(fakeRoot()));

        assertThat(value(plugin.sample("memory_percent"))).isEqualTo(75.0);
        assertThat(value(plugin.sample("load_1m"))).isEqualTo(0.5);
        assertThat(value(plugin.sample("uptime"))).isEqualTo(3600.25);
    }

    @Test
    void aFileThatBecomesUnreadableGivesAFailedSampleNotAnException() throws Exception {
        Path root = fakeRoot();
        SystemPlugin plugin = started(new SystemPlugin(root));
        Files.delete(root.resolve("proc/uptime"));

        assertThat(plugin.sample("uptime")).isInstanceOf(Sample.Failure.class);
        assertThat(plugin.sample("nonsense")).isEqualTo(Sample.failure("the system plugin has no source 'nonsense'"));
    }

    @Test
    void missingProcFilesLeaveTheirSourcesOut() throws Exception {
        Path root = temp.resolve("empty-root");
        Files.createDirectories(root);

        SystemPlugin plugin = started(new SystemPlugin(root));

        assertThat(plugin.sources()).extracting(SourceSpec::id).containsExactly("disk_percent");
        assertThat(plugin.statusNote()).hasValueSatisfying(n -> assertThat(n)
                .contains("load_1m omitted", "cpu_percent omitted", "memory_percent omitted", "uptime omitted"));
    }
}
