package io.smollama.node.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkOutputTest {

    @TempDir
    Path dir;

    @Test
    void ingestBenchmarkCommitsEveryReadingAndPrintsNameValueUnitLines() throws Exception {
        List<String> lines = capture(out -> new IngestBenchmark(
                        new IngestBenchmark.Options(dir, 20, 3, 20_000, 2_000, 500, Duration.ofMillis(20)))
                .run(out));
        assertThat(lines).allMatch(l -> l.matches("[a-z0-9_.]+: [0-9.]+ [a-z/]+"), "name: value unit");
        assertThat(lines).contains("ingest.readings: 20000 readings", "ingest.dropped: 0 readings");
        assertThat(lines).anyMatch(l -> l.startsWith("ingest.rate: "));
    }

    @Test
    void historyBenchmarkPrintsTimingsForEachRange() throws Exception {
        List<String> lines =
                capture(out -> new HistoryBenchmark(new HistoryBenchmark.Options(dir, 1, 20_000, 2)).run(out));
        assertThat(lines).contains("history.build_readings: 86400 readings");
        assertThat(lines).anyMatch(l -> l.startsWith("history.90d.p50: "));
        assertThat(lines).anyMatch(l -> l.startsWith("history.1h.points: 1000 points (raw)"));
    }

    private interface Body {
        void run(PrintStream out) throws Exception;
    }

    private static List<String> capture(Body body) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            body.run(out);
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
