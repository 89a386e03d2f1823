package io.smollama.desktop.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenStoreTest {

    @TempDir
    Path dir;

    @Test
    void storesTokensPerNodeInAFileOnlyTheUserCanRead() throws Exception {
        TokenStore store = new TokenStore(dir);
        store.put(URI.create("http://pi4.local:8080/"), "secret-token-1234567890");
        assertThat(Files.getPosixFilePermissions(store.file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        TokenStore again = new TokenStore(dir);
        assertThat(again.token(URI.create("http://pi4.local:8080"))).contains("secret-token-1234567890");
        assertThat(again.token(URI.create("http://pi5.local:8080"))).isEmpty();
    }

    @Test
    void tightensAFileOthersCouldRead() throws Exception {
        Path f = dir.resolve("tokens.properties");
        Files.writeString(f, "http\\://a\\:1=t\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        TokenStore store = new TokenStore(dir);
        assertThat(Files.getPosixFilePermissions(f)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(store.token(URI.create("http://a:1"))).contains("t");
    }

    @Test
    void removingANodeDropsItsToken() {
        TokenStore store = new TokenStore(dir);
        URI node = URI.create("http://a:1");
        store.put(node, "t");
        store.remove(node);
        assertThat(new TokenStore(dir).token(node)).isEmpty();
    }
}
