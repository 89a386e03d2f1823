package io.smollama.node.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smollama.common.NodeEvent;
import io.smollama.common.RecallHit;
import io.smollama.common.RecallQuery;
import io.smollama.node.store.Database;
import io.smollama.node.testsupport.MutableClock;
import io.smollama.node.testsupport.SharedEmbedder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memory store on a real SQLite file with real in-process embeddings. */
class MemoryStoreTest {

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"), ZoneOffset.UTC);
    final List<NodeEvent> events = new CopyOnWriteArrayList<>();
    Database db;
    MemoryStore store;

    @BeforeEach
    void open() {
        db = Database.open(dir);
        store = MemoryStore.open(db, SharedEmbedder.get(), "n1", clock, events::add);
    }

    @AfterEach
    void close() {
        store.close();
        db.close();
    }

    static ObservationDraft draft(String type, String text) {
        return new ObservationDraft(type, text, 0.7, List.of("system:cpu_temp"), "llm");
    }

    @Test
    void aSemanticQueryFindsTheParaphrasedMemoryNotTheKeywordSimilarDistractor() {
        store.remember("The cooling blower gets noisy when the CPU is busy", 0.8);
        store.remember("The fan manual says what the warranty covers", 0.8);
        store.remember("The cat sleeps on the server rack", 0.8);
        String query = "what makes the fan loud";

        List<RecallHit> hits = store.recall(RecallQuery.of(query, 3));

        // by keywords alone only the distractor matches: it shares "fan" with the query
        List<Long> byKeyword = db.read(c -> MemoryTables.keyword(c, "memory", query, allMemories(), 3));
        assertThat(byKeyword).hasSize(1);
        assertThat(hits)
                .extracting(RecallHit::text)
                .startsWith(
                        "The cooling blower gets noisy when the CPU is busy",
                        "The fan manual says what the warranty covers");
        assertThat(hits.getFirst().similarity()).isNotNull();
    }

    static VectorIndex.Filter allMemories() {
        return new VectorIndex.Filter(1 << VectorIndex.MEMORY, null, Long.MIN_VALUE, null, false);
    }

    @Test
    void rememberingANearDuplicateTwiceReinforcesTheFirstMemory() {
        var first = store.remember("The fan turns on when the CPU is above 70 degrees", 0.6);
        var second = store.remember("The fan turns on when the CPU is above 70 degrees.", 0.6);

        assertThat(first.reinforced()).isFalse();
        assertThat(second.reinforced()).isTrue();
        assertThat(second.memory().id()).isEqualTo(first.memory().id());
        assertThat(second.memory().timesConfirmed()).isEqualTo(2);
        assertThat(second.memory().confidence()).isCloseTo(0.84, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(store.memories(10, true)).hasSize(1);
        assertThat(events).hasSize(2).allMatch(e -> e instanceof NodeEvent.MemoryEvent);
    }

    @Test
    void aDifferentFactIsStoredSeparately() {
        store.remember("The fan turns on when the CPU is above 70 degrees", 0.6);
        var other = store.remember("The door sensor is on GPIO pin 17", 0.6);

        assertThat(other.reinforced()).isFalse();
        assertThat(store.memories(10, false)).hasSize(2);
    }

    @Test
    void aForgottenMemoryIsHiddenFromDefaultRecallAndListing() {
        var m = store.remember("The basement floods after heavy rain", 0.9).memory();

        var forgotten = store.forget(m.id());

        assertThat(forgotten).get().satisfies(f -> assertThat(f.active()).isFalse());
        assertThat(store.recall(RecallQuery.of("basement flooding", 5))).isEmpty();
        assertThat(store.memories(10, false)).isEmpty();
        assertThat(store.memories(10, true)).hasSize(1);
        var withInactive = new RecallQuery("basement flooding", 5, Set.of(), null, null, null, true);
        assertThat(store.recall(withInactive))
                .extracting(RecallHit::text)
                .contains("The basement floods after heavy rain");
        assertThat(store.forget("no-such-id")).isEmpty();
    }

    @Test
    void nearDuplicateObservationsOfTheSameTypeAreMergedButOtherTypesAreNot() {
        var a = store.observe(draft("pattern", "CPU temperature rises every day at noon"));
        var b = store.observe(draft("pattern", "CPU temperature rises every day at noon."));
        var c = store.observe(draft("anomaly", "CPU temperature rises every day at noon"));

        assertThat(b.id()).isEqualTo(a.id());
        assertThat(b.timesSeen()).isEqualTo(2);
        assertThat(b.confidence()).isGreaterThan(a.confidence());
        assertThat(c.id()).isNotEqualTo(a.id());
        assertThat(store.recentObservations(10, null, null)).hasSize(2);
    }

    @Test
    void aFilteredQueryReturnsLimitResultsWhenEnoughMatchTheFilter() {
        for (int i = 0; i < 30; i++) {
            store.observe(draft("status", "Room temperature reading number " + i + " is normal at 21 degrees"));
            clock.advance(Duration.ofMinutes(1));
        }
        Instant since = clock.instant();
        String[] anomalies = {
            "Disk usage jumped to 95 percent", "Memory use spiked overnight", "Load average hit 12",
            "Network traffic stopped for ten minutes", "Humidity sensor returned no data", "Fan speed dropped to zero"
        };
        for (String text : anomalies) {
            store.observe(draft("anomaly", text));
        }

        var query = new RecallQuery("room temperature", 5, Set.of("observation"), "anomaly", since, "n1", false);
        List<RecallHit> hits = store.recall(query);

        assertThat(hits).hasSize(5).allSatisfy(h -> assertThat(h.observation().type())
                .isEqualTo("anomaly"));
        assertThat(store.recall(new RecallQuery("room temperature", 5, Set.of(), null, null, "other-node", false)))
                .isEmpty();
    }

    @Test
    void removedObservationsLeaveTheSearchAndTheDatabase() {
        var o = store.observe(draft("status", "The greenhouse door was left open"));
        clock.advance(Duration.ofDays(2));

        assertThat(store.observationsBefore(clock.instant(), 10))
                .extracting(x -> x.id())
                .containsExactly(o.id());
        assertThat(store.removeObservations(List.of(o.id(), "unknown"))).isEqualTo(1);
        assertThat(store.recall(RecallQuery.of("greenhouse door open", 5))).isEmpty();
        assertThat(store.recentObservations(10, null, null)).isEmpty();
    }

    @Test
    void anEmbeddingFailureStoresNothing() {
        store.close();
        Embedder broken = new BrokenEmbedder();
        store = MemoryStore.open(db, broken, "n1", clock, events::add);

        assertThatThrownBy(() -> store.remember("anything", 0.5)).isInstanceOf(MemoryException.class);
        assertThatThrownBy(() -> store.observe(draft("status", "anything"))).isInstanceOf(MemoryException.class);
        assertThat(store.memories(10, true)).isEmpty();
        assertThat(store.recentObservations(10, null, null)).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void changingTheModelReembedsEveryItemInTheBackgroundAndSearchFallsBackToKeywordsMeanwhile() throws Exception {
        store.remember("The greenhouse overheats on sunny afternoons", 0.8);
        store.observe(draft("pattern", "Soil moisture falls quickly after noon"));
        store.close();

        var renamed = new RenamedEmbedder(SharedEmbedder.get(), "test:renamed-minilm");
        var paused = new PausedEmbedder(renamed);
        store = MemoryStore.open(db, paused, "n1", clock, events::add);

        // the query cannot be embedded and no item has a vector of the new model: keywords still find it
        assertThat(store.status().embedded()).isZero();
        assertThat(store.recall(RecallQuery.of("greenhouse", 5)))
                .extracting(RecallHit::text)
                .containsExactly("The greenhouse overheats on sunny afternoons");

        paused.resume();
        store.recall(RecallQuery.of("greenhouse", 5)); // a successful embedding tells the re-embedder to resume
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (store.status().embedded() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(store.status().embedded()).isEqualTo(2);
        assertThat(store.status().model()).isEqualTo("test:renamed-minilm");
        var hits = store.recall(RecallQuery.of("when does the glasshouse get too warm?", 1));
        assertThat(hits.getFirst().similarity()).isNotNull();
    }
}
