package io.smollama.node.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.common.Observation;
import io.smollama.node.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompactorTest {

    private static final Instant DAY1 = Instant.parse("2025-01-10T08:00:00Z");
    private final MutableClock clock = new MutableClock(DAY1.plus(Duration.ofDays(100)), ZoneOffset.UTC);
    private final RecordingMemoryBook book = new RecordingMemoryBook(clock);

    private Compactor compactor(ScriptedLlmClient llm) {
        return new Compactor(book, llm, Duration.ofDays(90), clock);
    }

    @Test
    void compactsOldObservationsIntoOneSummaryPerDayAndSourceAndRemovesThem() {
        book.seed("anomaly", "cpu spiked to 80 C", List.of("system:cpu_temp"), DAY1);
        book.seed("pattern", "cpu warms after noon", List.of("system:cpu_temp"), DAY1.plusSeconds(3600));
        book.seed("status", "door opened 4 times", List.of("gpio:door"), DAY1.plusSeconds(7200));
        book.seed("general", "a quiet day", List.of(), DAY1.plusSeconds(9000));
        Observation recent = book.seed(
                "status", "recent", List.of("gpio:door"), clock.instant().minusSeconds(60));

        var result = compactor(ScriptedLlmClient.unreachable()).runOnce();

        assertThat(result).isEqualTo(new Compactor.Result(4, 3, 4));
        assertThat(book.observations).contains(recent);
        List<Observation> summaries = book.observations.stream()
                .filter(o -> o.type().equals("summary"))
                .toList();
        assertThat(summaries).hasSize(3).allSatisfy(s -> assertThat(s.source()).isEqualTo("statistics"));
        assertThat(summaries)
                .filteredOn(s -> s.relatedSources().equals(List.of("system:cpu_temp")))
                .singleElement()
                .extracting(Observation::text)
                .isEqualTo("2025-01-10 (UTC), system:cpu_temp: 2 observations (1 anomaly, 1 pattern), seen 2 times;"
                        + " the most confident: \"cpu warms after noon\"");
        assertThat(summaries)
                .anySatisfy(s -> assertThat(s.text()).startsWith("2025-01-10 (UTC), general: 1 observation"));
    }

    @Test
    void theLlmWritesTheSummariesWhenItIsUsable() {
        book.seed("anomaly", "cpu spiked to 80 C", List.of("system:cpu_temp"), DAY1);
        ScriptedLlmClient llm =
                ScriptedLlmClient.answering("```json\n{\"summary\": \"The CPU spiked once to 80 C.\"}\n```");

        compactor(llm).runOnce();

        assertThat(llm.prompts).singleElement().satisfies(p -> assertThat(p)
                .contains("Observations of 2025-01-10 (UTC) about system:cpu_temp:")
                .contains("- [anomaly 08:00Z] cpu spiked to 80 C"));
        assertThat(book.observations).singleElement().satisfies(s -> {
            assertThat(s.type()).isEqualTo("summary");
            assertThat(s.source()).isEqualTo("llm");
            assertThat(s.text()).isEqualTo("2025-01-10, system:cpu_temp: The CPU spiked once to 80 C.");
        });
    }

    @Test
    void anUnusableLlmSummaryFallsBackToStatistics() {
        book.seed("anomaly", "cpu spiked to 80 C", List.of("system:cpu_temp"), DAY1);
        compactor(ScriptedLlmClient.answering("no idea")).runOnce();

        assertThat(book.observations).singleElement().satisfies(s -> assertThat(s.source())
                .isEqualTo("statistics"));
    }

    @Test
    void oldSummariesAreRemovedWithoutBeingSummarisedAgain() {
        book.seed("summary", "2024-10-01 (UTC), general: 3 observations", List.of(), DAY1);

        var result = compactor(ScriptedLlmClient.unreachable()).runOnce();

        assertThat(result).isEqualTo(new Compactor.Result(0, 0, 1));
        assertThat(book.observations).isEmpty();
    }

    @Test
    void worksInChunksWithoutSplittingADayBetweenTwoSummaries() {
        for (int day = 0; day < 3; day++) {
            for (int i = 0; i < 150; i++) {
                book.seed(
                        "status",
                        "reading " + day + "/" + i,
                        List.of("sim:temp"),
                        DAY1.plus(Duration.ofDays(day)).plusSeconds(i * 60L));
            }
        }

        var result = compactor(ScriptedLlmClient.unreachable()).runOnce();

        assertThat(result).isEqualTo(new Compactor.Result(450, 3, 450));
        assertThat(book.observations).extracting(Observation::text).allSatisfy(t -> assertThat(t)
                .contains(": 150 observations (150 status)"));
    }

    @Test
    void oneRunIsBounded() {
        for (int i = 0; i < Compactor.CHUNK * (Compactor.MAX_CHUNKS + 2); i++) {
            book.seed("status", "reading " + i, List.of("sim:temp"), DAY1.plusSeconds(i));
        }
        var result = compactor(ScriptedLlmClient.unreachable()).runOnce();

        assertThat(result.compacted()).isEqualTo(Compactor.CHUNK * Compactor.MAX_CHUNKS);
        assertThat(compactor(ScriptedLlmClient.unreachable()).runOnce().compacted())
                .isEqualTo(2 * Compactor.CHUNK);
    }
}
