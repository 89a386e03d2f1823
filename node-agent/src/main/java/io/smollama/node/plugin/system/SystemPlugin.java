package io.smollama.node.plugin.system;

import io.smollama.node.config.ConfigSpec;
import io.smollama.node.plugin.PluginContext;
import io.smollama.node.plugin.Sample;
import io.smollama.node.plugin.SensorPlugin;
import io.smollama.node.plugin.SourceSpec;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Health of the machine the node runs on, read from Linux's {@code /proc} and {@code /sys}: CPU
 * temperature, 1-minute load average, CPU use, memory use, disk use of the data directory's file
 * system and uptime. A source the machine cannot provide (no thermal zone, say) is left out and
 * the reason shown in the plugin's status.
 */
public final class SystemPlugin implements SensorPlugin {

    private static final System.Logger LOG = System.getLogger(SystemPlugin.class.getName());
    private static final String TYPE = "system";

    private final LinuxHost host;
    private final Map<String, SourceSpec> sources = new LinkedHashMap<>();
    private final List<String> omitted = new ArrayList<>();
    private LinuxHost.@Nullable ThermalZone zone;
    private LinuxHost.@Nullable CpuTimes lastCpu;
    private @Nullable Double lastCpuPercent;
    private Path diskPath = Path.of(".");

    public SystemPlugin() {
        this(Path.of("/"));
    }

    SystemPlugin(Path root) {
        this.host = new LinuxHost(root);
    }

    @Override
    public String name() {
        return TYPE;
    }

    @Override
    public String description() {
        return "Reads this machine's CPU temperature, load, CPU, memory and disk use, and uptime.";
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.builder()
                .duration(
                        "interval",
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(1),
                        Duration.ofHours(1),
                        "How often the system sources are read")
                .optionalString(
                        "disk_path",
                        "",
                        "A path on the file system whose use disk_percent reports; " + "defaults to the data directory")
                .build();
    }

    @Override
    public void start(PluginContext context) throws IOException {
        Duration interval = context.settings().duration("interval");
        diskPath = context.settings().optionalString("disk_path").map(Path::of).orElse(context.dataDirectory());
        if (!Files.exists(diskPath)) {
            throw new IOException("disk_path " + diskPath + " does not exist");
        }
        zone = host.cpuThermalZone().orElse(null);
        if (zone != null) {
            add(
                    "cpu_temp",
                    "°C",
                    interval,
                    "CPU temperature in degrees Celsius, from thermal zone " + zone.type(),
                    Map.of("zone", zone.type()));
        } else {
            omitted.add("cpu_temp omitted: this machine has no thermal zone under /sys/class/thermal");
        }
        if (host.has("proc/loadavg")) {
            add("load_1m", null, interval, "Load average over the last minute (runnable processes)", Map.of());
        } else {
            omitted.add("load_1m omitted: /proc/loadavg is not readable");
        }
        if (host.has("proc/stat")) {
            lastCpu = host.cpuTimes();
            add("cpu_percent", "%", interval, "CPU use in percent of all cores since the previous reading", Map.of());
        } else {
            omitted.add("cpu_percent omitted: /proc/stat is not readable");
        }
        if (host.has("proc/meminfo")) {
            add("memory_percent", "%", interval, "Memory in use, in percent of total memory", Map.of());
        } else {
            omitted.add("memory_percent omitted: /proc/meminfo is not readable");
        }
        add(
                "disk_percent",
                "%",
                interval,
                "Disk use of the file system holding " + diskPath + ", in percent",
                Map.of("path", diskPath.toString()));
        if (host.has("proc/uptime")) {
            add("uptime", "s", interval, "Time since the machine booted, in seconds", Map.of());
        } else {
            omitted.add("uptime omitted: /proc/uptime is not readable");
        }
    }

    private void add(
            String id, @Nullable String unit, Duration interval, String description, Map<String, String> meta) {
        sources.put(id, new SourceSpec(TYPE, id, unit, true, interval, description, meta));
    }

    @Override
    public List<SourceSpec> sources() {
        return List.copyOf(sources.values());
    }

    @Override
    public Optional<String> statusNote() {
        return omitted.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", omitted));
    }

    @Override
    public Sample sample(String sourceId) {
        if (!sources.containsKey(sourceId)) {
            return Sample.failure("the system plugin has no source '" + sourceId + "'");
        }
        try {
            return switch (sourceId) {
                case "cpu_temp" -> Sample.of(host.celsius(requireZone()));
                case "load_1m" -> Sample.of(host.load1m());
                case "cpu_percent" -> cpuPercent();
                case "memory_percent" -> Sample.of(host.memoryPercent());
                case "disk_percent" -> Sample.of(diskPercent());
                case "uptime" -> Sample.of(host.uptimeSeconds());
                default -> Sample.failure("the system plugin has no source '" + sourceId + "'");
            };
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Reading system:" + sourceId + " failed", e);
            return Sample.failure("could not read " + sourceId + ": " + e);
        }
    }

    private LinuxHost.ThermalZone requireZone() {
        LinuxHost.ThermalZone z = zone;
        if (z == null) {
            throw new IllegalStateException("no thermal zone");
        }
        return z;
    }

    private Sample cpuPercent() throws IOException {
        LinuxHost.CpuTimes now = host.cpuTimes();
        LinuxHost.CpuTimes before = lastCpu;
        lastCpu = now;
        long total = before == null ? 0 : now.total() - before.total();
        if (total <= 0) {
            // no tick has passed since the previous reading: repeat it rather than divide by zero
            Double last = lastCpuPercent;
            return last == null ? new Sample.Skip() : Sample.of(last);
        }
        long busy = total - (now.idle() - before.idle());
        double percent = Math.clamp(100.0 * busy / total, 0.0, 100.0);
        lastCpuPercent = percent;
        return Sample.of(percent);
    }

    /** Used space as {@code df} reports it: used / (used + available to unprivileged users). */
    private double diskPercent() throws IOException {
        FileStore store = Files.getFileStore(diskPath);
        long total = store.getTotalSpace();
        long used = total - store.getUnallocatedSpace();
        long usable = store.getUsableSpace();
        if (used + usable <= 0) {
            throw new IOException("the file system of " + diskPath + " reports no space");
        }
        return 100.0 * used / (used + usable);
    }
}
