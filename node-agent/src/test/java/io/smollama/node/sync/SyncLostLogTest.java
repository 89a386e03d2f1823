package io.smollama.node.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smollama.common.Observation;
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

/**
 * A node whose database was lost (a new SD card, same node name) starts its seq again at 1: the hub holds
 * other entries under those (origin, seq). Nothing may be dropped silently as a "duplicate".
 */
class SyncLostLogTest {

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private LocalNode hub;
    private LocalNode beta;

    @BeforeEach
    void open() throws Exception {
        hub = new LocalNode("hub", tmp.resolve("hub"), clock);
        beta = new LocalNode("beta", tmp.resolve("beta"), clock);
        observe(beta, "soil is dry");
        observe(beta, "door opened at night");
        observe(beta, "fan ran for an hour");
        SyncRound.run(beta.sync, hub.transport(), true);
        assertThat(hub.log.vector().get("beta")).isEqualTo(3);
        beta.close();
        beta = new LocalNode("beta", tmp.resolve("beta-after-reinstall"), clock);
    }

    @AfterEach
    void close() {
        beta.close();
        hub.close();
    }

    private void observe(LocalNode n, String text) {
        clock.advance(Duration.ofSeconds(5));
        n.store.observe(new ObservationDraft("pattern", text, 0.5, List.of(), "llm"));
    }

    @Test
    void aPushedEntryWhoseOriginAndSeqTheHubHoldsUnderAnotherIdIsRefusedNotCountedAsDuplicate() {
        observe(beta, "humidity rose fast");
        SyncEntry reused = beta.log.all().getFirst();
        assertThat(reused.seq()).isEqualTo(1);

        assertThatThrownBy(() -> SyncRound.run(beta.sync, hub.transport(), true))
                .isInstanceOf(SyncLog.ConflictException.class)
                .hasMessageContaining("beta")
                .hasMessageContaining("seq 1");
        assertThat(hub.log.all()).extracting(SyncEntry::id).doesNotContain(reused.id());
    }

    @Test
    void aNodeThatLostItsLogGetsItsOwnEntriesBackFromTheHubAndContinuesItsSeq() throws Exception {
        SyncRound.run(beta.sync, hub.transport(), true);
        assertThat(beta.log.vector().get("beta")).isEqualTo(3);
        assertThat(beta.observations()).hasSize(3);

        observe(beta, "humidity rose fast");
        SyncRound.Result r = SyncRound.run(beta.sync, hub.transport(), true);

        assertThat(r.pushed()).isEqualTo(1);
        assertThat(beta.log.all().getLast().seq()).isEqualTo(4);
        assertThat(hub.observations()).extracting(Observation::text).contains("humidity rose fast");
        assertThat(hub.entries()).isEqualTo(beta.entries());
    }
}
