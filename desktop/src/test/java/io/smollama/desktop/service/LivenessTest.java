package io.smollama.desktop.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.node.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The missed-heartbeat rules, on a clock the test moves. */
class LivenessTest {

    private final MutableClock clock =
            new MutableClock(Instant.parse("2026-01-01T00:00:00Z"), java.time.ZoneOffset.UTC);
    private final Liveness live = new Liveness(clock, Duration.ofSeconds(2));

    @Test
    void aNodeNeverHeardIsOffline() {
        assertThat(live.state()).isEqualTo(NodeState.OFFLINE);
        live.failure();
        assertThat(live.state()).isEqualTo(NodeState.OFFLINE);
    }

    @Test
    void aNodeHeardWithinTwoHeartbeatsIsOnline() {
        live.contact();
        clock.advance(Duration.ofSeconds(4));
        assertThat(live.state()).isEqualTo(NodeState.ONLINE);
    }

    @Test
    void aNodeSilentForTwoHeartbeatsTurnsStaleThenOfflineAfterFive() {
        live.contact();
        clock.advance(Duration.ofMillis(4001));
        assertThat(live.state()).isEqualTo(NodeState.STALE);
        clock.advance(Duration.ofSeconds(6));
        assertThat(live.state()).isEqualTo(NodeState.OFFLINE);
    }

    @Test
    void oneFailedPollMakesAKnownNodeStaleAndThreeMakeItOffline() {
        live.contact();
        live.failure();
        assertThat(live.state()).isEqualTo(NodeState.STALE);
        live.failure();
        live.failure();
        assertThat(live.state()).isEqualTo(NodeState.OFFLINE);
    }

    @Test
    void aContactAfterFailuresBringsTheNodeBackOnline() {
        live.contact();
        live.failure();
        live.failure();
        live.failure();
        live.contact();
        assertThat(live.state()).isEqualTo(NodeState.ONLINE);
    }
}
