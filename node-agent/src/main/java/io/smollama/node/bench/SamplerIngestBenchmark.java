package io.smollama.node.bench;

import io.smollama.node.config.Configs;
import io.smollama.node.config.NodeSchema;
import io.smollama.node.plugin.LoadedPlugins;
import io.smollama.node.plugin.PluginHost;
import io.smollama.node.plugin.Sample;
import io.smollama.node.plugin.SensorPlugin;
import io.smollama.node.plugin.SourceSpec;
import io.smollama.node.readings.ReadingSampler;
import io.smollama.node.store.Database;
import io.smollama.node.store.ReadingLog;
import io.smollama.node.store.ReadingWriter;
import io.smollama.node.store.StoreSettings;
import io.smollama.node.store.WriterStatus;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sustained ingest through the whole sampling path the agent uses: sensor plugins run by the
 * {@link PluginHost}, scheduled by the {@link ReadingSampler} (one thread per plugin, fixed rate),
 * batched by the {@link ReadingWriter} into SQLite. The figure is readings committed per second
 * over the measured window, after a warm-up.
 */
public final class SamplerIngestBenchmark {

    /**
     * @param plugins sensor plugins (each gets its own sampling thread)
     * @param sourcesPerPlugin sources per plugin
     * @param interval each source's sampling interval
     */
    public record Options(
            Path dir, int plugins, int sourcesPerPlugin, Duration interval, Duration warmup, Duration measure) {
        public static Options defaults(Path dir) {
            return new Options(dir, 8, 25, Duration.ofMillis(1), Duration.ofSeconds(2), Duration.ofSeconds(10));
        }
    }

    private final Options options;

    public SamplerIngestBenchmark(Options options) {
        this.options = options;
    }

    public void run(PrintStream out) throws InterruptedException {
        List<BenchSensor> sensors = new ArrayList<>();
        for (int p = 0; p < options.plugins(); p++) {
            sensors.add(new BenchSensor("bench" + p, options.sourcesPerPlugin(), options.interval()));
        }
        LoadedPlugins loaded = LoadedPlugins.of(sensors);
        var root = NodeSchema.root(loaded.configSpecs(), loaded.enabledByDefault());
        StoreSettings settings = StoreSettings.defaults(options.dir());
        Clock clock = Clock.systemUTC();
        try (Database db = Database.open(options.dir());
                ReadingWriter writer = ReadingWriter.start(new ReadingLog(db, clock), settings, clock);
                PluginHost host = new PluginHost(loaded, clock)) {
            host.start(Configs.defaults(root).section("plugins"), "bench", options.dir());
            WriterStatus before;
            WriterStatus after;
            long nanos;
            try (ReadingSampler sampler = new ReadingSampler("bench", clock, writer::submit)) {
                host.sensors().forEach(sampler::start);
                Thread.sleep(options.warmup().toMillis());
                before = writer.status();
                long start = System.nanoTime();
                Thread.sleep(options.measure().toMillis());
                after = writer.status();
                nanos = System.nanoTime() - start;
            }
            writer.flush();
            double requested = (double) options.plugins()
                    * options.sourcesPerPlugin()
                    * 1e9
                    / options.interval().toNanos();
            long committed = after.committed() - before.committed();
            out.println("ingest.sampler.sources: " + options.plugins() * options.sourcesPerPlugin() + " sources");
            out.println("ingest.sampler.plugins: " + options.plugins() + " sampling threads");
            out.println("ingest.sampler.requested: " + Math.round(requested) + " readings/s");
            out.println("ingest.sampler.rate: " + Math.round(committed / (nanos / 1e9)) + " readings/s");
            out.printf("ingest.sampler.commit_p50: %.2f ms%n", after.commitP50Millis());
            out.printf("ingest.sampler.commit_p99: %.2f ms%n", after.commitP99Millis());
            out.println("ingest.sampler.dropped: " + (after.dropped() - before.dropped()) + " readings");
        } finally {
            loaded.close();
        }
    }

    /** A sensor plugin that answers instantly with a changing number: the sampling path is what is measured. */
    static final class BenchSensor implements SensorPlugin {
        private final String name;
        private final List<SourceSpec> sources = new ArrayList<>();
        private long counter;

        BenchSensor(String name, int count, Duration interval) {
            this.name = name;
            for (int i = 0; i < count; i++) {
                sources.add(new SourceSpec(name, "s" + i, "C", true, interval, "benchmark source", Map.of()));
            }
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "benchmark sensor";
        }

        @Override
        public List<SourceSpec> sources() {
            return sources;
        }

        @Override
        public Sample sample(String sourceId) {
            return Sample.of(20 + (counter++ % 100) * 0.1);
        }
    }
}
