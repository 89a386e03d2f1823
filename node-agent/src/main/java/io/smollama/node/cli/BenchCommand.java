package io.smollama.node.cli;

import io.smollama.node.bench.EmbedBenchmark;
import io.smollama.node.bench.HistoryBenchmark;
import io.smollama.node.bench.IngestBenchmark;
import io.smollama.node.bench.RecallBenchmark;
import io.smollama.node.bench.SamplerIngestBenchmark;
import io.smollama.node.mqtt.MqttBenchmark;
import io.smollama.node.sync.SyncBenchmark;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code smollama-node bench ingest|history|mqtt|recall|embed|sync}: benchmarks that print one {@code name: value unit} line per figure. */
@Command(
        mixinStandardHelpOptions = true,
        name = "bench",
        description = "Benchmarks; each prints one 'name: value unit' line per figure.",
        subcommands = {
            BenchCommand.Ingest.class,
            BenchCommand.History.class,
            BenchCommand.Mqtt.class,
            BenchCommand.Recall.class,
            BenchCommand.Embed.class,
            BenchCommand.Sync.class
        })
final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where a benchmark keeps its database: a fresh temporary directory unless {@code --dir} is given. */
    static final class Workspace implements AutoCloseable {
        final Path dir;
        private final boolean temporary;

        private final @Nullable Thread onInterrupt;

        Workspace(@Nullable Path given) throws IOException {
            temporary = given == null;
            dir = given != null ? Files.createDirectories(given) : Files.createTempDirectory("smollama-bench");
            // a temporary database can be hundreds of MB: remove it on Ctrl-C or SIGTERM too
            onInterrupt = temporary ? new Thread(this::delete, "bench-cleanup") : null;
            if (onInterrupt != null) {
                Runtime.getRuntime().addShutdownHook(onInterrupt);
            }
        }

        @Override
        public void close() {
            if (onInterrupt != null) {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            }
            delete();
        }

        private void delete() {
            if (!temporary) {
                return;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                System.err.println(
                        "smollama-node: could not remove the benchmark directory " + dir + ": " + e.getMessage());
            }
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "ingest",
            description = {
                "Sustained readings/s committed to SQLite: through the writer from producer threads,",
                "and through the full sampler path (plugins → sampler → writer)."
            })
    static final class Ingest implements Callable<Integer> {
        @Option(
                names = "--dir",
                description = "directory for the benchmark databases (default: a temporary one, removed after)")
        @Nullable
        Path dir;

        @Option(
                names = "--readings",
                defaultValue = "1000000",
                description = "readings in the measured writer run (default ${DEFAULT-VALUE})")
        long readings;

        @Option(names = "--sources", defaultValue = "200", description = "sources (default ${DEFAULT-VALUE})")
        int sources;

        @Option(
                names = "--seconds",
                defaultValue = "10",
                description = "measured seconds of the sampler run (default ${DEFAULT-VALUE})")
        int seconds;

        @Override
        public Integer call() throws Exception {
            PrintStream out = System.out;
            try (Workspace ws = new Workspace(dir)) {
                var d = IngestBenchmark.Options.defaults(ws.dir.resolve("writer"));
                new IngestBenchmark(new IngestBenchmark.Options(
                                d.dir(),
                                sources,
                                d.producers(),
                                readings,
                                Math.min(d.warmup(), readings),
                                d.batchSize(),
                                d.flushInterval()))
                        .run(out);
                var s = SamplerIngestBenchmark.Options.defaults(ws.dir.resolve("sampler"));
                int plugins = s.plugins();
                new SamplerIngestBenchmark(new SamplerIngestBenchmark.Options(
                                s.dir(),
                                plugins,
                                Math.max(1, sources / plugins),
                                s.interval(),
                                s.warmup(),
                                java.time.Duration.ofSeconds(seconds)))
                        .run(out);
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "history",
            description = "ms to answer 90-day, 7-day and 1-hour history queries for a 1 reading/s source.")
    static final class History implements Callable<Integer> {
        @Option(
                names = "--dir",
                description = "directory for the benchmark database (default: a temporary one, removed after)")
        @Nullable
        Path dir;

        @Option(
                names = "--days",
                defaultValue = "90",
                description = "days of history at 1 reading/s (default ${DEFAULT-VALUE})")
        int days;

        @Option(names = "--runs", defaultValue = "20", description = "query repetitions (default ${DEFAULT-VALUE})")
        int runs;

        @Override
        public Integer call() throws Exception {
            try (Workspace ws = new Workspace(dir)) {
                var d = HistoryBenchmark.Options.defaults(ws.dir);
                new HistoryBenchmark(new HistoryBenchmark.Options(ws.dir, days, d.batch(), runs)).run(System.out);
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "mqtt",
            description = {
                "Edge messages/s ingested end to end: plain MQTT clients publish reference edge payloads (QoS 1)",
                "through the embedded broker into a hub's MQTT ingest and SQLite."
            })
    static final class Mqtt implements Callable<Integer> {
        @Option(
                names = "--dir",
                description = "directory for the hub's database and broker (default: a temporary one, removed after)")
        @Nullable
        Path dir;

        @Option(names = "--edges", defaultValue = "4", description = "publishing clients (default ${DEFAULT-VALUE})")
        int edges;

        @Option(
                names = "--messages",
                defaultValue = "5000",
                description = "messages per client (default ${DEFAULT-VALUE})")
        int messages;

        @Option(
                names = "--readings",
                defaultValue = "5",
                description = "readings per message (default ${DEFAULT-VALUE})")
        int readings;

        @Override
        public Integer call() throws Exception {
            try (Workspace ws = new Workspace(dir)) {
                new MqttBenchmark(new MqttBenchmark.Options(ws.dir, edges, messages, readings)).run(System.out);
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "recall",
            description = {
                "Top-10 recall latency (p50/p99, plain and filtered) over 10,000 and 100,000 stored items;",
                "synthetic clustered vectors stand in for the embedding model (see bench embed)."
            })
    static final class Recall implements Callable<Integer> {
        @Option(
                names = "--dir",
                description = "directory for the benchmark databases (default: a temporary one, removed after)")
        @Nullable
        Path dir;

        @Option(
                names = "--sizes",
                split = ",",
                defaultValue = "10000,100000",
                description = "item counts to measure (default ${DEFAULT-VALUE})")
        java.util.List<Integer> sizes;

        @Option(
                names = "--queries",
                defaultValue = "300",
                description = "timed queries per size (default ${DEFAULT-VALUE})")
        int queries;

        @Override
        public Integer call() throws Exception {
            try (Workspace ws = new Workspace(dir)) {
                new RecallBenchmark(new RecallBenchmark.Options(ws.dir, sizes, queries)).run(System.out);
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "embed",
            description = "In-process embeddings/s (all-MiniLM-L6-v2): model load time, single sentences and batches.")
    static final class Embed implements Callable<Integer> {
        @Option(
                names = "--sentences",
                defaultValue = "320",
                description = "sentences per run (default ${DEFAULT-VALUE})")
        int sentences;

        @Option(names = "--batch", defaultValue = "32", description = "batch size (default ${DEFAULT-VALUE})")
        int batch;

        @Override
        public Integer call() throws Exception {
            try (Workspace ws = new Workspace(null)) {
                new EmbedBenchmark(new EmbedBenchmark.Options(ws.dir, sentences, batch)).run(System.out);
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "sync",
            description = "Sync entries/s: a node's log pushed to a hub and merged, then pulled by another node.")
    static final class Sync implements Callable<Integer> {
        @Option(
                names = "--dir",
                description = "directory for the benchmark databases (default: a temporary one, removed after)")
        @Nullable
        Path dir;

        @Option(
                names = "--entries",
                defaultValue = "100000",
                description = "log entries to sync (default ${DEFAULT-VALUE})")
        int entries;

        @Override
        public Integer call() throws Exception {
            try (Workspace ws = new Workspace(dir)) {
                new SyncBenchmark(ws.dir, entries).run(System.out);
            }
            return ExitCodes.OK;
        }
    }
}
