package io.smollama.common.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeRegistryTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration EXPIRE = Duration.ofSeconds(31);

    private final SteppedClock clock = new SteppedClock(T0);
    private final NodeRegistry registry = new NodeRegistry(clock, EXPIRE);

    static ServiceSighting sighting(String name, String address, String version) throws Exception {
        return new ServiceSighting(
                name,
                8080,
                Map.of("role", "hub", "version", version, "api", "/api", "auth", "token", "caps", "readings"),
                List.of(InetAddress.getByName(address)));
    }

    @Test
    void aFirstAnswerAddsTheNode() throws Exception {
        var changes = registry.seen(sighting("hub-1", "192.168.1.10", "1.0"));

        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(NodeRegistry.Kind.ADDED);
            assertThat(c.node().baseUrl()).hasToString("http://192.168.1.10:8080");
            assertThat(c.node().firstSeen()).isEqualTo(T0);
        });
        assertThat(registry.nodes()).extracting(DiscoveredNode::name).containsExactly("hub-1");
    }

    @Test
    void anUnchangedAnswerOnlyRefreshesLastSeen() throws Exception {
        registry.seen(sighting("hub-1", "192.168.1.10", "1.0"));
        clock.advance(Duration.ofSeconds(10));

        assertThat(registry.seen(sighting("hub-1", "192.168.1.10", "1.0"))).isEmpty();
        DiscoveredNode n = registry.nodes().getFirst();
        assertThat(n.firstSeen()).isEqualTo(T0);
        assertThat(n.lastSeen()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void aNodeThatMovesIsReportedAsUpdated() throws Exception {
        registry.seen(sighting("hub-1", "192.168.1.10", "1.0"));

        var changes = registry.seen(sighting("hub-1", "192.168.1.77", "1.0"));

        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(NodeRegistry.Kind.UPDATED);
            assertThat(c.node().baseUrl()).hasToString("http://192.168.1.77:8080");
        });
    }

    @Test
    void aNodeThatKeepsAnsweringStaysListedLongAfterAnyFixedExpiry() throws Exception {
        registry.seen(sighting("hub-1", "192.168.1.10", "1.0"));
        for (int i = 0; i < 10_000; i++) { // about 28 hours of 10-second refreshes
            clock.advance(Duration.ofSeconds(10));
            assertThat(registry.answered("hub-1")).isTrue();
            assertThat(registry.expire()).isEmpty();
        }
        assertThat(registry.nodes()).hasSize(1);
    }

    @Test
    void aNodeIsRemovedOnlyAfterItMissesSeveralRefreshes() throws Exception {
        registry.seen(sighting("hub-1", "192.168.1.10", "1.0"));

        clock.advance(Duration.ofSeconds(30));
        assertThat(registry.expire()).isEmpty();

        clock.advance(Duration.ofSeconds(2));
        assertThat(registry.expire()).singleElement().satisfies(c -> assertThat(c.kind())
                .isEqualTo(NodeRegistry.Kind.REMOVED));
        assertThat(registry.nodes()).isEmpty();
    }

    @Test
    void aGoodbyeRemovesTheNodeAtOnceIgnoringCase() throws Exception {
        registry.seen(sighting("hub-1", "192.168.1.10", "1.0"));

        assertThat(registry.goodbye("HUB-1")).singleElement().satisfies(c -> assertThat(c.kind())
                .isEqualTo(NodeRegistry.Kind.REMOVED));
        assertThat(registry.goodbye("hub-1")).isEmpty();
    }

    @Test
    void aNodeRemovedForSilenceIsAddedAgainWhenItComesBack() throws Exception {
        registry.seen(sighting("hub-1", "192.168.1.10", "1.0"));
        clock.advance(Duration.ofMinutes(5));
        registry.expire();

        var changes = registry.seen(sighting("hub-1", "192.168.1.10", "1.0"));

        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(NodeRegistry.Kind.ADDED);
            assertThat(c.node().firstSeen()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        });
    }

    @Test
    void anAnswerWithoutTxtRefreshesButNeverAddsOrBlanksANode() throws Exception {
        var bare = new ServiceSighting("hub-1", 8080, Map.of(), List.of(InetAddress.getByName("192.168.1.10")));
        assertThat(registry.seen(bare)).isEmpty();
        assertThat(registry.nodes()).isEmpty();

        registry.seen(sighting("hub-1", "192.168.1.10", "1.0"));
        clock.advance(Duration.ofSeconds(5));
        assertThat(registry.seen(bare)).isEmpty();
        assertThat(registry.nodes().getFirst().role()).isEqualTo("hub");
        assertThat(registry.nodes().getFirst().lastSeen()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void anAnswerWithOnlyLoopbackAddressesIsNotUsable() throws Exception {
        assertThat(registry.seen(sighting("hub-1", "127.0.0.1", "1.0"))).isEmpty();
        assertThat(registry.nodes()).isEmpty();
    }

    @Test
    void theExpiryMustBePositive() {
        assertThatThrownBy(() -> new NodeRegistry(clock, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expireAfter");
    }
}
