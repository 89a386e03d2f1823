package io.smollama.node.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smollama.node.memory.ObservationDraft;
import io.smollama.node.testsupport.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node or hub that stops in the middle of a round (database closed) loses and duplicates nothing. */
class SyncRestartTest {

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private void fill(LocalNode n, int count) {
        for (int i = 0; i < count; i++) {
            clock.advance(Duration.ofSeconds(1));
            n.store.observe(new ObservationDraft("status", "reading number " + i + " was fine", 0.5, List.of(), "llm"));
        }
    }

    /** Delivers {@code before} pushes, then stops {@code victim} (closing its database) and fails. */
    private static SyncTransport stopping(LocalNode hub, LocalNode victim, int before) {
        SyncTransport direct = hub.transport();
        return new SyncTransport() {
            int pushes;

            @Override
            public SyncMessages.PushResponse push(SyncMessages.PushRequest request) throws SyncException {
                if (pushes++ == before) {
                    var answer = direct.push(request); // delivered, then the process dies before the answer
                    victim.close();
                    throw SyncException.unreachable("stopped after " + answer.accepted() + " entries");
                }
                return direct.push(request);
            }

            @Override
            public SyncMessages.PullResponse pull(VersionVector have, int limit, String exclude) throws SyncException {
                return direct.pull(have, limit, exclude);
            }

            @Override
            public String describe() {
                return "stopping";
            }
        };
    }

    @Test
    void aHubStoppedMidPushHasEveryEntryOnceAfterTheNextRound() throws Exception {
        try (LocalNode beta = new LocalNode("beta", tmp.resolve("beta"), clock)) {
            LocalNode hub = new LocalNode("hub", tmp.resolve("hub"), clock);
            fill(beta, 2 * SyncRound.BATCH + 50);
            assertThatThrownBy(() -> SyncRound.run(beta.sync, stopping(hub, hub, 2), false))
                    .isInstanceOf(SyncException.class);
            hub.open(); // restarted
            try (hub) {
                assertThat(hub.log.vector().get("beta")).isEqualTo(2L * SyncRound.BATCH);
                SyncRound.run(beta.sync, hub.transport(), true);
                assertThat(hub.entries()).isEqualTo(beta.entries());
                assertThat(new HashSet<>(hub.entries())).hasSameSizeAs(beta.entries());
                assertThat(hub.observations()).isEqualTo(beta.observations());
            }
        }
    }

    @Test
    void aNodeStoppedMidPushResumesWhereTheHubIsAfterRestart() throws Exception {
        try (LocalNode hub = new LocalNode("hub", tmp.resolve("hub"), clock)) {
            LocalNode beta = new LocalNode("beta", tmp.resolve("beta"), clock);
            fill(beta, SyncRound.BATCH + 20);
            hub.store.remember("the hub knows the pump is in the shed", 0.8);
            assertThatThrownBy(() -> SyncRound.run(beta.sync, stopping(hub, beta, 1), true))
                    .isInstanceOf(SyncException.class);
            beta.open(); // restarted
            try (beta) {
                fill(beta, 3); // new entries after the restart continue the seq without a gap
                SyncRound.run(beta.sync, hub.transport(), true);
                assertThat(hub.entries()).isEqualTo(beta.entries());
                assertThat(beta.log.vector().get("beta")).isEqualTo(SyncRound.BATCH + 23L);
                assertThat(hub.observations()).isEqualTo(beta.observations());
                assertThat(hub.memories()).isEqualTo(beta.memories()).hasSize(1);
            }
        }
    }
}
