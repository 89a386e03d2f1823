package io.smollama.desktop.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The directory's bookkeeping with a discovery source the test drives (nothing listens at the URLs). */
class NodeDirectoryTest {

    private final NodeDirectory nodes = new NodeDirectory(
            new TokenStore(Path.of("target", "node-directory-test")),
            Clock.systemUTC(),
            Duration.ofSeconds(2),
            Runnable::run);

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
}
