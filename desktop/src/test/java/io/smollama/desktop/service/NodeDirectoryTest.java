package io.smollama.desktop.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The directory's bookkeeping with a discovery source the test drives (nothing listens at the URLs). */
class NodeDirectoryTest {

    private final MovableClock clock = new MovableClock();
    private final NodeDirectory nodes = new NodeDirectory(
            new TokenStore(Path.of("target", "node-directory-test")), clock, Duration.ofSeconds(2), Runnable::run);

    /** A clock the test moves forward. */
    private static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @AfterEach
    void close() {
        nodes.close();
    }

    /** A discovery source whose sightings the test announces. */
    private static final class Announcer implements DiscoverySource {
        Listener listener;

        @Override
        public void start(Listener l) {
            listener = l;
        }

        @Override
        public void close() {}
    }

    @Test
    void discoveredNodesJoinOnceAndAreNotRememberedAsAddedByUrl() {
        Announcer mdns = new Announcer();
        nodes.attach(mdns);
        mdns.listener.seen("pi-1", URI.create("http://127.0.0.1:9/"), "node");
        mdns.listener.seen("pi-1", URI.create("http://127.0.0.1:9"), "node");
        assertThat(nodes.nodes()).singleElement().satisfies(n -> {
            assertThat(n.name()).isEqualTo("pi-1");
            assertThat(((NodeConnection) n).discovered()).isTrue();
        });
        assertThat(nodes.addedUrls()).isEmpty();
        assertThat(nodes.selected().get()).isSameAs(nodes.nodes().getFirst());
    }

    @Test
    void aNodeAddedByUrlIsRememberedAndAddingItAgainKeepsOneConnection() {
        NodeConnection a = nodes.add(URI.create("http://127.0.0.1:9/"), null);
        NodeConnection b = nodes.add(URI.create("http://127.0.0.1:9"), null);
        assertThat(b).isSameAs(a);
        assertThat(nodes.addedUrls()).containsExactly("http://127.0.0.1:9");
        assertThat(a.canWrite()).isFalse();
    }

    @Test
    void aDiscoveredNodeThatMovesToANewAddressIsFollowedThere() {
        Announcer mdns = new Announcer();
        nodes.attach(mdns);
        mdns.listener.seen("pi-1", URI.create("http://127.0.0.1:9"), "node");
        mdns.listener.seen("pi-2", URI.create("http://127.0.0.1:11"), "node");
        mdns.listener.seen("pi-1", URI.create("http://127.0.0.1:10/"), "node");
        assertThat(nodes.nodes()).hasSize(2);
        NodeConnection pi1 = nodes.byName("pi-1").orElseThrow();
        assertThat(pi1.baseUri()).isEqualTo(URI.create("http://127.0.0.1:10"));
        assertThat(nodes.nodes().getFirst()).isSameAs(pi1);
        assertThat(nodes.selected().get()).isSameAs(pi1);
        assertThat(nodes.find(URI.create("http://127.0.0.1:9"))).isEmpty();
    }

    @Test
    void aNodeAddedByHandKeepsItsAddressWhateverDiscoverySays() {
        Announcer mdns = new Announcer();
        nodes.attach(mdns);
        NodeConnection mine = nodes.add(URI.create("http://127.0.0.1:9"), null);
        String name = mine.name();
        mdns.listener.seen(name, URI.create("http://127.0.0.1:10"), "node");
        assertThat(nodes.byName(name).orElseThrow()).isSameAs(mine);
        assertThat(mine.baseUri()).isEqualTo(URI.create("http://127.0.0.1:9"));
    }

    @Test
    void aDiscoveredNodeThatIsGoneAndSilentForTenMinutesIsDroppedButOneAddedByHandStays() {
        Announcer mdns = new Announcer();
        nodes.attach(mdns);
        NodeConnection mine = nodes.add(URI.create("http://127.0.0.1:12"), null);
        mdns.listener.seen("pi-1", URI.create("http://127.0.0.1:9"), "node");
        mdns.listener.seen("pi-2", URI.create("http://127.0.0.1:10"), "node");
        mdns.listener.gone("pi-1");
        mdns.listener.gone(mine.name());
        clock.advance(NodeDirectory.FORGET_GONE_AFTER.minusMinutes(1));
        nodes.forgetGone();
        assertThat(nodes.nodes()).hasSize(3);

        clock.advance(Duration.ofMinutes(2));
        nodes.forgetGone();
        assertThat(nodes.nodes()).extracting(NodeHandle::name).containsExactly(mine.name(), "pi-2");

        mdns.listener.seen("pi-1", URI.create("http://127.0.0.1:9"), "node");
        assertThat(nodes.byName("pi-1")).isPresent();
    }
}
