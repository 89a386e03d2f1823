package io.smollama.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.common.cluster.ClusterNode;
import io.smollama.common.cluster.ClusterNodes;
import io.smollama.node.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The view's caching and state over members without an address (no network is touched). */
class ClusterViewTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"), ZoneOffset.UTC);
    private final AtomicInteger asked = new AtomicInteger();
    private final ClusterView view = new ClusterView(
            "hub-1",
            new ClusterSettings(List.of(), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(60), true),
            "secret-token-0123456789",
            null,
            List.of(() -> {
                asked.incrementAndGet();
                return List.of(new ClusterMember(
                        "pi-2", "node", null, clock.instant().minusSeconds(10), "1.0", ClusterMember.SYNC));
            }),
            clock);

    @AfterEach
    void close() {
        view.close();
    }

    @Test
    void aBurstOfViewsWithinTheCacheTimeAsksTheMembersOnce() {
        for (int i = 0; i < 5; i++) {
            view.nodes();
        }
        assertThat(asked).hasValue(1);

        clock.advance(Duration.ofSeconds(3));
        view.nodes();
        assertThat(asked).hasValue(2);
    }

    @Test
    void aMemberWithoutAnAddressHeardRecentlyIsStaleAndSaysWhy() {
        ClusterNodes first = view.nodes();
        assertThat(first.node()).isEqualTo("hub-1");
        ClusterNode n = first.nodes().getFirst();
        assertThat(n.state()).isEqualTo(ClusterNode.STALE);
        assertThat(n.error()).isNotNull();
        assertThat(n.error().message()).contains("no URL");
        assertThat(n.health()).isNull();
    }

    @Test
    void readingsAndStatsListAMemberThatCannotBeAskedAsAnError() {
        assertThat(view.readings().readings()).isEmpty();
        assertThat(view.readings().errors()).singleElement().satisfies(e -> {
            assertThat(e.node()).isEqualTo("pi-2");
            assertThat(e.code()).isEqualTo("stale");
        });
        assertThat(view.stats().total().nodes()).isEqualTo(1);
        assertThat(view.stats().total().reporting()).isZero();
    }

    @Test
    void withoutAMemoryThereAreNoClusterObservations() {
        assertThat(view.observations(null, 10, null, null, null)).isEmpty();
    }
}
