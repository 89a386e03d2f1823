package io.smollama.node.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.common.ComponentHealth;
import io.smollama.common.Observation;
import io.smollama.node.store.Database;
import io.smollama.node.store.ReadingLog;
import io.smollama.node.testsupport.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop over a real SQLite store of readings, with test doubles for the memory and the LLM. */
class ObservationLoopTest {

    private static final String VALID = """
            {"observations":[
              {"text":"CPU temperature climbs steadily","type":"pattern","confidence":0.8,
               "related_sources":["system:cpu_temp","nonexistent:thing"]},
              {"text":"The room is warm","type":"Status","confidence":85,"related_sources":["temp"]},
              {"text":"bad type","type":"weird","confidence":0.5},
              {"text":"","type":"general"}],
             "memories":[{"fact":"The CPU runs warmer in the afternoon","confidence":0.7},{"confidence":0.2}]}""";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Points.T0.plus(Duration.ofHours(1)), ZoneOffset.UTC);
    private Database db;
    private ReadingLog log;
    private final ManualTicker ticker = new ManualTicker();
    private RecordingMemoryBook book;

    @BeforeEach
    void storeReadings() {
        db = Database.open(dir);
        log = new ReadingLog(db, clock);
        log.append(Points.readings("system:cpu_temp", Points.T0, Duration.ofMinutes(1), Points.ramp(61, 40, 50)));
        log.append(Points.readings("simulated:temp", Points.T0, Duration.ofMinutes(1), Points.noisy(1, 61, 21, 0.1)));
        book = new RecordingMemoryBook(clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private ObservationLoop loop(ScriptedLlmClient llm) {
        var settings = new ObserveSettings(
                true,
                Duration.ofMinutes(8),
                Duration.ofMinutes(1),
                Duration.ofMinutes(30),
                Duration.ofHours(1),
                Duration.ofDays(90));
        return new ObservationLoop(
                "n1", settings, new ReadingWindows(log), book, llm, clock, ticker, AdaptiveScheduler.Policy.DEFAULT);
    }

    @Test
    void storesTheValidItemsOfTheLlmsAnswerAndDropsTheInvalidOnes() {
        ScriptedLlmClient llm = ScriptedLlmClient.answering(VALID);
        var round = loop(llm).runRound();

        assertThat(round.mode()).isEqualTo("llm");
        assertThat(book.observations).hasSize(2);
        Observation first = book.observations.get(0);
        assertThat(first.type()).isEqualTo("pattern");
        assertThat(first.source()).isEqualTo("llm");
        assertThat(first.relatedSources()).containsExactly("system:cpu_temp");
        Observation second = book.observations.get(1);
        assertThat(second.type()).isEqualTo("status");
        assertThat(second.confidence()).isEqualTo(0.85);
        assertThat(second.relatedSources()).containsExactly("simulated:temp");
        assertThat(book.memories).singleElement().satisfies(m -> {
            assertThat(m.fact()).isEqualTo("The CPU runs warmer in the afternoon");
            assertThat(m.confidence()).isEqualTo(0.7);
        });
        assertThat(round.note()).isEqualTo("3 invalid items dropped");
        assertThat(llm.prompts).singleElement().satisfies(p -> assertThat(p)
                .containsPattern(
                        "system:cpu_temp \\(C\\): latest 50, mean 45(\\.\\d)?, min 40, max 50, trend \\+(9\\.9\\d|10)/h \\(r² 1\\.00\\)")
                .contains("simulated:temp (C)"));
    }

    @Test
    void givesThePastObservationsToTheLlm() {
        book.seed("anomaly", "CPU overheated at noon yesterday", List.of("system:cpu_temp"), Points.T0);
        ScriptedLlmClient llm = ScriptedLlmClient.answering("{\"observations\":[]}");
        loop(llm).runRound();

        assertThat(book.recalls).singleElement().satisfies(q -> assertThat(q.query())
                .contains("system:cpu_temp"));
        assertThat(llm.prompts.getFirst())
                .contains("Relevant past observations and facts:\n- [anomaly, 2025-03-01T12:00:00Z] CPU overheated");
    }

    @Test
    void repairsAFencedAnswerWithTrailingCommas() {
        ScriptedLlmClient llm = ScriptedLlmClient.answering("""
                Here you go:
                ```json
                {"observations":[{"text":"Temperatures are rising","type":"pattern","confidence":0.6,},],}
                ```""");
        loop(llm).runRound();

        assertThat(llm.prompts).hasSize(1);
        assertThat(book.observations)
                .singleElement()
                .extracting(Observation::text)
                .isEqualTo("Temperatures are rising");
    }

    @Test
    void retriesOnceOnGarbageThenGivesUpWithoutStoring() {
        ScriptedLlmClient llm = ScriptedLlmClient.answering("It is warm.", "{\"answer\": \"still warm\"}");
        var round = loop(llm).runRound();

        assertThat(llm.prompts).hasSize(2);
        assertThat(llm.prompts.get(1))
                .contains("Your previous answer could not be used: the answer holds no JSON object");
        assertThat(book.observations).isEmpty();
        assertThat(book.memories).isEmpty();
        assertThat(round.note()).startsWith("unreadable answer: the object has neither");
    }

    @Test
    void aCorrectedSecondAnswerIsStored() {
        ScriptedLlmClient llm = ScriptedLlmClient.answering(
                "Sorry, I cannot", "{\"observations\":[{\"text\":\"All quiet\",\"type\":\"general\"}]}");
        loop(llm).runRound();

        assertThat(book.observations).singleElement().satisfies(o -> {
            assertThat(o.text()).isEqualTo("All quiet");
            assertThat(o.confidence()).isEqualTo(0.5);
        });
    }

    @Test
    void fallsBackToStatisticsWhenTheLlmIsDown() {
        ObservationLoop loop = loop(ScriptedLlmClient.unreachable());
        var round = loop.runRound();

        assertThat(round.mode()).isEqualTo("statistics");
        assertThat(book.observations).isNotEmpty().allSatisfy(o -> assertThat(o.source())
                .isEqualTo("statistics"));
        assertThat(book.observations).extracting(Observation::text).anySatisfy(t -> assertThat(t)
                .matches("system:cpu_temp rose by (9\\.9\\d|10) C over the last 1h .*"));
        assertThat(loop.health().get("observe").detail())
                .contains("by statistics")
                .contains("LLM not usable: Ollama at http://127.0.0.1:11434 does not answer");
    }

    @Test
    void fallsBackToStatisticsWhenTheLlmFailsMidRound() {
        ScriptedLlmClient llm = ScriptedLlmClient.answering(); // reachable, but every call fails
        var round = loop(llm).runRound();

        assertThat(round.mode()).isEqualTo("statistics");
        assertThat(round.note()).contains("the LLM failed: connection refused");
        assertThat(book.observations).isNotEmpty();
    }

    @Test
    void aRoundThatThrowsIsReportedAndTheNextOneIsStillScheduled() {
        ObservationLoop loop = loop(ScriptedLlmClient.unreachable());
        db.close(); // every read now fails

        loop.tick();

        assertThat(ticker.delays).containsExactly(Duration.ofMinutes(8));
        ComponentHealth h = loop.health().get("observe");
        assertThat(h.status()).isEqualTo(ComponentHealth.Status.DEGRADED);
        assertThat(h.detail()).contains("last round failed");
    }

    @Test
    void theNextRoundWaitsTheAdaptiveInterval() {
        log.append(Points.readings(
                "sim:wild",
                Points.T0.plus(Duration.ofMinutes(50)),
                Duration.ofSeconds(30),
                10,
                30,
                5,
                40,
                8,
                35,
                12,
                28,
                6,
                22,
                15,
                33,
                7,
                25,
                18,
                36,
                9,
                27,
                11,
                31,
                4));
        ObservationLoop loop = loop(ScriptedLlmClient.unreachable());
        for (int i = 0; i < 3; i++) {
            loop.tick();
        }
        assertThat(ticker.delays).containsExactly(Duration.ofMinutes(8), Duration.ofMinutes(8), Duration.ofMinutes(4));
        assertThat(loop.health().get("observe").detail()).startsWith("every 4m (volatile: sim:wild ");
    }

    @Test
    void withoutReadingsARoundDoesNothing() {
        db.close();
        db = Database.open(dir.resolve("empty"));
        log = new ReadingLog(db, clock);
        ScriptedLlmClient llm = ScriptedLlmClient.answering(VALID);
        var round = loop(llm).runRound();

        assertThat(round.mode()).isEqualTo("idle");
        assertThat(llm.prompts).isEmpty();
        assertThat(book.observations).isEmpty();
    }
}
