package io.smollama.desktop.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.desktop.service.NodeDirectory;
import io.smollama.desktop.service.TokenStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodesViewModelTest {

    @TempDir
    Path dir;

    private NodeDirectory directory;

    @AfterEach
    void close() {
        if (directory != null) {
            directory.close();
        }
    }

    private NodesViewModel model(AtomicInteger changes) {
        directory = new NodeDirectory(new TokenStore(dir), Clock.systemUTC(), Duration.ofSeconds(2), Runnable::run);
        return new NodesViewModel(directory, changes::incrementAndGet);
    }

    @Test
    void aBadAddressIsRefusedWithASentenceSayingWhatToEnter() {
        AtomicInteger changes = new AtomicInteger();
        NodesViewModel m = model(changes);
        m.url().set("ftp://pi4.local");
        assertThat(m.add()).isFalse();
        assertThat(m.message().get()).contains("http://pi4.local:8080");
        m.url().set("");
        assertThat(m.add()).isFalse();
        assertThat(directory.nodes()).isEmpty();
        assertThat(changes).hasValue(0);
    }

    @Test
    void aNodeAddedWithATokenIsWritableAndItsTokenStored() {
        AtomicInteger changes = new AtomicInteger();
        NodesViewModel m = model(changes);
        m.url().set("127.0.0.1:9");
        m.token().set("a-token-for-this-node");
        assertThat(m.add()).isTrue();
        assertThat(directory.nodes()).singleElement().satisfies(n -> assertThat(n.canWrite())
                .isTrue());
        assertThat(directory.selected().get()).isSameAs(directory.nodes().getFirst());
        assertThat(new TokenStore(dir).token(URI.create("http://127.0.0.1:9"))).contains("a-token-for-this-node");
        assertThat(m.url().get()).isEmpty();
        assertThat(changes).hasValue(1);
    }

    @Test
    void aNodeAddedWithoutATokenIsReadOnlyAndTheMessageSaysSo() {
        NodesViewModel m = model(new AtomicInteger());
        m.url().set("http://127.0.0.1:9");
        m.add();
        assertThat(directory.nodes().getFirst().canWrite()).isFalse();
        assertThat(m.message().get()).contains("read-only");
    }

    @Test
    void removingANodeForgetsItAndItsToken() {
        NodesViewModel m = model(new AtomicInteger());
        m.url().set("http://127.0.0.1:9");
        m.token().set("tok");
        m.add();
        m.remove(directory.nodes().getFirst());
        assertThat(directory.nodes()).isEmpty();
        assertThat(directory.addedUrls()).isEmpty();
        assertThat(new TokenStore(dir).token(URI.create("http://127.0.0.1:9"))).isEmpty();
    }
}
