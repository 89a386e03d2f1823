package io.smollama.desktop.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayoutStoreTest {

    @TempDir
    Path dir;

    @Test
    void remembersWindowScreenNodesSeriesPinsAndRange() {
        LayoutStore store = new LayoutStore(dir);
        ConsoleLayout l = store.load();
        l.width = 900;
        l.screen = "Readings";
        l.nodes = List.of("http://a:1");
        l.series = List.of("a|simulated:temperature");
        l.pinned = List.of("a|simulated:humidity");
        l.range = "H24";
        l.dark = true;
        store.save(l);
        ConsoleLayout back = new LayoutStore(dir).load();
        assertThat(back.width).isEqualTo(900);
        assertThat(back.screen).isEqualTo("Readings");
        assertThat(back.nodes).containsExactly("http://a:1");
        assertThat(back.series).containsExactly("a|simulated:temperature");
        assertThat(back.pinned).containsExactly("a|simulated:humidity");
        assertThat(back.range).isEqualTo("H24");
        assertThat(back.dark).isTrue();
    }

    @Test
    void anUnreadableFileMeansTheDefaults() throws Exception {
        Files.writeString(dir.resolve("console.json"), "{not json");
        ConsoleLayout l = new LayoutStore(dir).load();
        assertThat(l.series).isNull();
        assertThat(l.nodes).isEmpty();
    }
}
