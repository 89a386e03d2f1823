package io.smollama.node.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.common.Observation;
import io.smollama.node.store.Database;
import io.smollama.node.store.ReadingLog;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop on its own thread with the real clock, over readings in a real SQLite database; the memory
 * and the LLM are the test doubles ({@link RecordingMemoryBook}, {@link ScriptedLlmClient}).
 */
class ObservationLoopIT {

    @TempDir
    Path dir;

    private static final ObserveSettings FAST = new ObserveSettings(
            true,
            Duration.ofMillis(300),
            Duration.ofMillis(200),
            Duration.ofSeconds(2),
            Duration.ofHours(1),
            Duration.ofDays(90));

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void withoutAnLlmTheLoopKeepsWritingStatisticalObservationsOnItsOwnThread() throws Exception {
        Clock clock = Clock.systemUTC();
        Instant start = clock.instant().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(59));
        try (Database db = Database.open(dir)) {
            ReadingLog log = new ReadingLog(db, clock);
            log.append(Points.readings("system:cpu_temp", start, Duration.ofMinutes(1), Points.ramp(60, 40, 52)));
            RecordingMemoryBook book = new RecordingMemoryBook(clock);
            ScriptedLlmClient llm = ScriptedLlmClient.unreachable();

            try (ObservationLoop loop = ObservationLoop.start("n1", FAST, log, book, llm, clock)) {
                await("a statistical trend", () -> book.bySource("statistics").stream()
                        .map(Observation::text)
                        .anyMatch(t -> t.startsWith("system:cpu_temp rose by")));
                // the LLM comes back: the next rounds ask it
                llm.add("{\"observations\":[{\"text\":\"The CPU keeps warming\",\"type\":\"pattern\","
                        + "\"related_sources\":[\"system:cpu_temp\"]}]}");
                llm.down = false;
                await("an LLM observation", () -> !book.bySource("llm").isEmpty());
                assertThat(loop.health().get("observe").detail())
                        .startsWith("every ")
                        .contains("last round");
            }
            int after = book.observations.size();
            Thread.sleep(600);
            assertThat(book.observations).as("no rounds after close").hasSize(after);
        }
    }
}
