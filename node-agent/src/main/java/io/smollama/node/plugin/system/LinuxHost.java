package io.smollama.node.plugin.system;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the kernel's view of this machine from {@code /proc} and {@code /sys} under a root
 * directory ({@code /} in production, a fake tree in tests). Each read returns the value or throws
 * {@link IOException} (or a {@link NumberFormatException} for content it cannot parse), which the
 * plugin turns into a failed sample.
 */
final class LinuxHost {

    /** A thermal zone the CPU temperature is read from. */
    record ThermalZone(String type, Path tempFile) {}

    /** Cumulative CPU time in clock ticks: all of it, and the idle part (idle + iowait). */
    record CpuTimes(long total, long idle) {}

    private final Path root;

    LinuxHost(Path root) {
        this.root = root;
    }

    /** The zone that best represents the CPU: a cpu, x86_pkg_temp or soc zone, else the first readable one. */
    Optional<ThermalZone> cpuThermalZone() throws IOException {
        List<ThermalZone> zones = new ArrayList<>();
        Path dir = root.resolve("sys/class/thermal");
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "thermal_zone*")) {
            for (Path zone : stream) {
                Path temp = zone.resolve("temp");
                Path type = zone.resolve("type");
                if (Files.isReadable(temp) && Files.isReadable(type)) {
                    zones.add(new ThermalZone(Files.readString(type).trim(), temp));
                }
            }
        }
        zones.sort((a, b) -> a.tempFile().compareTo(b.tempFile()));
        for (String preferred : List.of("cpu", "x86_pkg_temp", "soc")) {
            for (ThermalZone zone : zones) {
                if (zone.type().toLowerCase(Locale.ROOT).contains(preferred)) {
                    return Optional.of(zone);
                }
            }
        }
        return zones.stream().findFirst();
    }

    /** Degrees Celsius; the kernel reports millidegrees. */
    double celsius(ThermalZone zone) throws IOException {
        return Long.parseLong(read(zone.tempFile())) / 1000.0;
    }

    double load1m() throws IOException {
        return Double.parseDouble(read(root.resolve("proc/loadavg")).split("\\s+")[0]);
    }

    CpuTimes cpuTimes() throws IOException {
        Path file = root.resolve("proc/stat");
        String first = read(file).lines().findFirst().orElse("");
        String[] f = first.trim().split("\\s+");
        if (f.length < 5 || !f[0].equals("cpu")) {
            throw new IOException(file + " does not start with a 'cpu' line");
        }
        long total = 0;
        // user nice system idle iowait irq softirq steal; guest time is already counted in user
        for (int i = 1; i < Math.min(f.length, 9); i++) {
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
        return new CpuTimes(total, idle);
    }

    /** Memory in use (total minus available) as a percentage of total. */
    double memoryPercent() throws IOException {
        Path file = root.resolve("proc/meminfo");
        long total = -1;
        long available = -1;
        for (String line : read(file).lines().toList()) {
            if (line.startsWith("MemTotal:")) total = kilobytes(line);
            if (line.startsWith("MemAvailable:")) available = kilobytes(line);
        }
        if (total <= 0 || available < 0) {
            throw new IOException(file + " lacks MemTotal or MemAvailable");
        }
        return 100.0 * (total - available) / total;
    }

    double uptimeSeconds() throws IOException {
        return Double.parseDouble(read(root.resolve("proc/uptime")).split("\\s+")[0]);
    }

    boolean has(String relative) {
        return Files.isReadable(root.resolve(relative));
    }

    private static long kilobytes(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file).trim();
    }
}
