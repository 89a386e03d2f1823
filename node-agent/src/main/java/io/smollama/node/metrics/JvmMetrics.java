package io.smollama.node.metrics;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The process's own figures: heap and non-heap memory, threads, garbage collections, CPU time, resident
 * memory (Linux), open files, start time and uptime. All come from the JVM's management beans or
 * {@code /proc/self/status}; none touches the database.
 */
public final class JvmMetrics {

    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    private JvmMetrics() {}

    public static void register(MetricRegistry registry) {
        var memory = ManagementFactory.getMemoryMXBean();
        var threads = ManagementFactory.getThreadMXBean();
        var runtime = ManagementFactory.getRuntimeMXBean();
        registry.gauges(
                "jvm_memory_used_bytes",
                "Memory the JVM uses, by area (heap, nonheap)",
                List.of("area"),
                () -> areas(memory.getHeapMemoryUsage(), memory.getNonHeapMemoryUsage(), false));
        registry.gauges(
                "jvm_memory_max_bytes",
                "The most memory the JVM may use, by area (-1 when unbounded)",
                List.of("area"),
                () -> areas(memory.getHeapMemoryUsage(), memory.getNonHeapMemoryUsage(), true));
        registry.gauge("jvm_threads_live", "Live threads, daemon threads included", threads::getThreadCount);
        registry.gauge("jvm_threads_peak", "The most live threads since the JVM started", threads::getPeakThreadCount);
        registry.counters(
                "jvm_gc_collections_total",
                "Garbage collections, by collector",
                List.of("gc"),
                () -> collectors(false));
        registry.counters(
                "jvm_gc_collection_seconds_total",
                "Time spent in garbage collection, by collector (as the collector reports it)",
                List.of("gc"),
                () -> collectors(true));
        long startMillis = runtime.getStartTime();
        registry.gauge(
                "process_start_time_seconds",
                "When the process started, in seconds since the epoch",
                () -> startMillis / 1000.0);
        registry.gauge(
                "smollama_uptime_seconds", "Seconds since the process started", () -> runtime.getUptime() / 1000.0);
        if (cpuSeconds().isPresent()) {
            registry.counter(
                    "process_cpu_seconds_total",
                    "CPU time the process used (user and system), in seconds",
                    () -> cpuSeconds().orElseThrow());
        }
        if (openFiles().isPresent()) {
            registry.gauge("process_open_fds", "Open file descriptors", () -> openFiles()
                    .orElseThrow());
        }
        if (residentBytes().isPresent()) {
            registry.gauge(
                    "process_resident_memory_bytes",
                    "Resident memory of the process (VmRSS), Java heap, native libraries and the ONNX model included",
                    () -> residentBytes().orElseThrow());
        }
    }

    private static Map<List<String>, Long> areas(MemoryUsage heap, MemoryUsage nonHeap, boolean max) {
        Map<List<String>, Long> m = new LinkedHashMap<>();
        m.put(List.of("heap"), max ? heap.getMax() : heap.getUsed());
        m.put(List.of("nonheap"), max ? nonHeap.getMax() : nonHeap.getUsed());
        return m;
    }

    private static Map<List<String>, Double> collectors(boolean seconds) {
        Map<List<String>, Double> m = new LinkedHashMap<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            long v = seconds ? gc.getCollectionTime() : gc.getCollectionCount();
            if (v >= 0) {
                m.put(List.of(gc.getName()), seconds ? v / 1000.0 : v);
            }
        }
        return m;
    }

    /** The process's CPU time, when the JVM has the {@code jdk.management} module (a jlinked runtime may not). */
    private static OptionalDouble cpuSeconds() {
        try {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                    && os.getProcessCpuTime() >= 0) {
                return OptionalDouble.of(os.getProcessCpuTime() / 1e9);
            }
        } catch (LinkageError e) {
            // jdk.management is not in this runtime
        }
        return OptionalDouble.empty();
    }

    private static OptionalDouble openFiles() {
        try {
            if (ManagementFactory.getOperatingSystemMXBean()
                    instanceof com.sun.management.UnixOperatingSystemMXBean os) {
                return OptionalDouble.of(os.getOpenFileDescriptorCount());
            }
        } catch (LinkageError e) {
            // jdk.management is not in this runtime
        }
        return OptionalDouble.empty();
    }

    /** VmRSS from {@code /proc/self/status} (Linux; in kB there, whatever the page size). */
    static OptionalDouble residentBytes() {
        if (!Files.isReadable(PROC_STATUS)) {
            return OptionalDouble.empty();
        }
        try {
            for (String line : Files.readAllLines(PROC_STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring(6).trim().split("\\s+")[0];
                    return OptionalDouble.of(Long.parseLong(kb) * 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.empty();
    }
}
