package io.smollama.node.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.node.memory.ObservationDraft;
import io.smollama.node.testsupport.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncLogTest {

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private LocalNode beta;
    private LocalNode hub;

    @BeforeEach
    void open() {
        beta = new LocalNode("beta", tmp.resolve("beta"), clock);
        hub = new LocalNode("hub", tmp.resolve("hub"), clock);
    }

    @AfterEach
    void close() {
        beta.close();
        hub.close();
    }

    private void observe(LocalNode n, String text, double confidence) {
        clock.advance(Duration.ofSeconds(5));
        n.store.observe(new ObservationDraft("pattern", text, confidence, List.of(), "llm"));
    }

    @Test
    void everyLocalChangeIsAppendedWithGapFreeSeqsAndRisingLamportTimes() {
        observe(beta, "soil is dry", 0.5);
        observe(beta, "soil is dry", 0.5);
        var m = beta.store.remember("the pump is in the shed", 0.7);
        beta.store.forget(m.memory().id());
        beta.store.removeObservations(List.of(beta.observations().getFirst().id()));
        List<SyncEntry> log = beta.log.all();
        assertThat(log).extracting(SyncEntry::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(log).extracting(SyncEntry::lamport).isSorted().doesNotHaveDuplicates();
        assertThat(log)
                .extracting(SyncEntry::type)
                .containsExactly("observation", "observation", "memory", "forget", "remove");
        assertThat(log.get(1).payload().get("timesSeen").asInt()).isEqualTo(2);
        assertThat(beta.log.vector().get("beta")).isEqualTo(5);
    }

    @Test
    void mergeIgnoresDuplicateEntries() {
        observe(beta, "soil is dry", 0.5);
        List<SyncEntry> log = beta.log.all();
        assertThat(hub.sync.merge(log).accepted()).isEqualTo(1);
        var again = hub.sync.merge(List.of(log.getFirst(), log.getFirst()));
        assertThat(again.accepted()).isZero();
        assertThat(again.duplicates()).isEqualTo(2);
        assertThat(hub.log.all()).hasSize(1);
        assertThat(hub.observations()).isEqualTo(beta.observations());
    }

    @Test
    void theLaterStateOfAnItemWinsWhateverTheArrivalOrder() {
        observe(beta, "soil is dry", 0.5);
        observe(beta, "soil is dry", 0.5);
        List<SyncEntry> log = beta.log.all();
        hub.sync.merge(List.of(log.get(1)));
        hub.sync.merge(List.of(log.get(0)));
        assertThat(hub.observations()).isEqualTo(beta.observations());
        assertThat(hub.observations().getFirst().timesSeen()).isEqualTo(2);
    }

    @Test
    void theLaterStateWinsWithinOneBatchInEitherOrder() {
        observe(beta, "soil is dry", 0.5);
        observe(beta, "soil is dry", 0.5);
        List<SyncEntry> log = beta.log.all();
        hub.sync.merge(List.of(log.get(0), log.get(1)));
        assertThat(hub.observations()).isEqualTo(beta.observations());
        try (LocalNode other = new LocalNode("other", tmp.resolve("other"), clock)) {
            other.sync.merge(List.of(log.get(1), log.get(0)));
            assertThat(other.observations()).isEqualTo(beta.observations());
        }
    }

    @Test
    void anEntryBeyondAGapIsKeptAndTheMarkMovesOnlyWhenTheGapIsFilled() {
        observe(beta, "soil is dry", 0.5);
        observe(beta, "door opened", 0.5);
        observe(beta, "fan ran", 0.5);
        List<SyncEntry> log = beta.log.all();
        hub.sync.merge(List.of(log.get(0), log.get(2)));
        assertThat(hub.log.vector().get("beta")).isEqualTo(1);
        assertThat(hub.log.all()).hasSize(2);
        // a pull from the hub with its vector still offers what lies beyond the gap
        assertThat(beta.sync.pull(hub.log.vector(), 10, null).entries()).hasSize(2);
        hub.sync.merge(List.of(log.get(1)));
        assertThat(hub.log.vector().get("beta")).isEqualTo(3);
        assertThat(hub.observations()).isEqualTo(beta.observations());
    }

    @Test
    void aForgetWinsOverAConfirmationThatArrivesAfterIt() {
        clock.advance(Duration.ofSeconds(1));
        var m = beta.store.remember("the pump is in the shed", 0.5);
        hub.sync.merge(beta.log.all());
        clock.advance(Duration.ofSeconds(1));
        hub.store.forget(m.memory().id()); // on the hub
        clock.advance(Duration.ofSeconds(1));
        beta.store.remember("the pump is in the shed", 0.5); // confirmed on beta meanwhile
        hub.sync.merge(beta.log.all());
        beta.sync.merge(hub.log.all());
        assertThat(hub.memories()).isEqualTo(beta.memories());
        assertThat(hub.memories().getFirst().active()).isFalse();
        assertThat(hub.memories().getFirst().timesConfirmed()).isEqualTo(2);
    }

    @Test
    void aMemoryForgottenHereAfterANodeWithAFastClockConfirmedItMaterialisesAsOnEveryOtherNode() {
        MutableClock ahead = new MutableClock(clock.instant().plus(Duration.ofHours(1)), ZoneOffset.UTC);
        try (LocalNode alpha = new LocalNode("alpha", tmp.resolve("alpha"), ahead)) {
            var m = alpha.store.remember("the pump is in the shed", 0.5); // updatedAt an hour ahead of beta
            beta.sync.merge(alpha.log.all());
            clock.advance(Duration.ofSeconds(1));
            beta.store.forget(m.memory().id());
            hub.sync.merge(alpha.log.all());
            hub.sync.merge(beta.log.all());
            assertThat(hub.memories().getFirst().active()).isFalse();
            assertThat(beta.memories()).isEqualTo(hub.memories());
        }
    }

    @Test
    void aRemovedObservationIsNotBroughtBackByAnOlderState() {
        observe(beta, "soil is dry", 0.5);
        String id = beta.observations().getFirst().id();
        List<SyncEntry> first = beta.log.all();
        beta.store.removeObservations(List.of(id));
        List<SyncEntry> all = beta.log.all();
        hub.sync.merge(List.of(all.getLast()));
        hub.sync.merge(first);
        assertThat(hub.observations()).isEmpty();
        assertThat(beta.observations()).isEmpty();
    }

    @Test
    void compactionOnAHubSeesOnlyItsOwnObservationsNeverTheSyncedOnes() {
        observe(beta, "soil is dry", 0.5);
        observe(hub, "the hub is warm", 0.5);
        hub.sync.merge(beta.log.all());
        Instant later = clock.instant().plus(Duration.ofDays(30));
        assertThat(hub.observations()).hasSize(2);
        assertThat(hub.store.observationsBefore(later, 100))
                .extracting(o -> o.node())
                .containsExactly("hub");
    }

    @Test
    void aNearDuplicateOfAnotherNodesObservationIsStoredAsThisNodesOwn() {
        observe(beta, "soil is dry", 0.5);
        hub.sync.merge(beta.log.all());
        observe(hub, "soil is dry", 0.5);
        assertThat(hub.observations()).extracting(o -> o.node()).containsExactlyInAnyOrder("beta", "hub");
        assertThat(hub.observations()).allSatisfy(o -> assertThat(o.timesSeen()).isEqualTo(1));
    }
}
