package io.smollama.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NodeStateTest {

    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
    private static final Duration OFFLINE_AFTER = Duration.ofSeconds(60);
    private static final PeerError TIMEOUT = new PeerError(PeerError.Kind.TIMEOUT, "slow");
    private static final PeerError REFUSED = new PeerError(PeerError.Kind.REFUSED, "refused");

    @Test
    void aNodeWhoseHealthAnsweredIsReachable() {
        assertThat(NodeState.classify(null, NOW, NOW, OFFLINE_AFTER)).isEqualTo(NodeState.REACHABLE);
    }

    @Test
    void aNodeThatWantsATokenStillAnsweredSoItIsReachable() {
        assertThat(NodeState.classify(new PeerError(PeerError.Kind.UNAUTHORIZED, "401"), null, NOW, OFFLINE_AFTER))
                .isEqualTo(NodeState.REACHABLE);
    }

    @Test
    void aNodeThatRefusesTheConnectionIsOfflineAtOnceEvenIfHeardAMomentAgo() {
        assertThat(NodeState.classify(REFUSED, NOW.minusSeconds(1), NOW, OFFLINE_AFTER))
                .isEqualTo(NodeState.OFFLINE);
    }

    @Test
    void aSlowNodeHeardRecentlyIsStaleUntilOfflineAfterHasPassed() {
        assertThat(NodeState.classify(TIMEOUT, NOW.minusSeconds(59), NOW, OFFLINE_AFTER))
                .isEqualTo(NodeState.STALE);
        assertThat(NodeState.classify(TIMEOUT, NOW.minusSeconds(60), NOW, OFFLINE_AFTER))
                .isEqualTo(NodeState.OFFLINE);
    }

    @Test
    void aNodeNeverHeardThatDoesNotAnswerIsOffline() {
        assertThat(NodeState.classify(TIMEOUT, null, NOW, OFFLINE_AFTER)).isEqualTo(NodeState.OFFLINE);
    }
}
