package io.smollama.desktop.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smollama.common.NodeApiException;
import io.smollama.desktop.memory.MemoryFilter.Kinds;
import io.smollama.desktop.memory.MemoryFilter.Period;
import io.smollama.desktop.service.FixedNodes;
import io.smollama.desktop.service.NodeHandle;
import io.smollama.node.testsupport.TestNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-node search against two real node-agents: without a hub (or when the hub does not answer)
 * every node is asked and the answers are merged by score; one node's search stays on that node.
 */
class MemorySearchIT {

    @TempDir
    static Path dir;

    static TestNode kitchen;
    static TestNode garage;
    static final FixedNodes nodes = new FixedNodes();
    static NodeHandle kitchenHandle;
    static NodeHandle garageHandle;
    static NodeHandle deadHub;

    @BeforeAll
    static void start() throws Exception {
        kitchen = TestNode.start(dir.resolve("kitchen"), "node:\n  name: kitchen\n");
        garage = TestNode.start(dir.resolve("garage"), "node:\n  name: garage\n");
        kitchen.client().remember("The kitchen fridge hums loudly at night", 0.8);
        kitchen.client().remember("Basil on the kitchen window needs water every two days", 0.7);
        garage.client().remember("The garage fridge holds the spare batteries", 0.9);
        garage.client().remember("The garage door opener uses a 433 MHz remote", 0.6);
        kitchenHandle = nodes.add("kitchen", kitchen.uri(""), TestNode.TOKEN);
        garageHandle = nodes.add("garage", garage.uri(""), null); // read-only: the open GET lists
        deadHub = new FixedNodes().add("hub", URI.create("http://127.0.0.1:9"), TestNode.TOKEN);
    }

    @AfterAll
    static void stop() {
        nodes.nodes().forEach(n -> ((FixedNodes.Handle) n).close());
        ((FixedNodes.Handle) deadHub).close();
        kitchen.close();
        garage.close();
    }

    private static MemoryFilter filter(String query, String node) {
        return new MemoryFilter(query, node, Kinds.ALL, null, Period.ANY, 10);
    }

    @Test
    void everyNodeIsAskedAndTheAnswersAreMergedByScore() {
        MemorySearch.Outcome out = new MemorySearch()
                .search(filter("fridge", null), List.of(kitchenHandle, garageHandle), null, Instant.now());
        assertThat(out.notes()).isEmpty();
        assertThat(out.hits()).extracting(MemoryHit::node).contains("kitchen", "garage");
        assertThat(out.hits().subList(0, 2))
                .extracting(MemoryHit::text)
                .containsExactlyInAnyOrder(
                        "The kitchen fridge hums loudly at night", "The garage fridge holds the spare batteries");
        assertThat(out.hits()).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
        assertThat(out.hits()).extracting(MemoryHit::key).doesNotHaveDuplicates();
    }

    @Test
    void aHubThatDoesNotAnswerIsNotedAndEachNodeIsAskedInstead() {
        MemorySearch.Outcome out = new MemorySearch()
                .search(filter("fridge", null), List.of(kitchenHandle, garageHandle), deadHub, Instant.now());
        assertThat(out.notes())
                .singleElement()
                .asString()
                .startsWith("Hub hub did not answer")
                .endsWith("asked each node instead.");
        assertThat(out.hits()).extracting(MemoryHit::node).contains("kitchen", "garage");
    }

    @Test
    void aSearchOfOneNodeStaysOnThatNode() {
        MemorySearch.Outcome out = new MemorySearch()
                .search(filter("", "garage"), List.of(kitchenHandle, garageHandle), null, Instant.now());
        assertThat(out.hits()).hasSize(2).allSatisfy(h -> assertThat(h.node()).isEqualTo("garage"));
        assertThat(out.hits()).isSortedAccordingTo((a, b) -> b.at().compareTo(a.at()));
    }

    @Test
    void aHubAnswersForEveryNodeWhenItIsUp() {
        MemorySearch.Outcome out = new MemorySearch()
                .search(filter("fridge", null), List.of(kitchenHandle, garageHandle), kitchenHandle, Instant.now());
        // this "hub" holds only its own entries: no fan-out happened
        assertThat(out.hits()).extracting(MemoryHit::via).containsOnly("kitchen");
        assertThat(out.notes()).isEmpty();
    }

    @Test
    void whenNoNodeAnswersTheSearchFailsWithTheReason() {
        assertThatThrownBy(
                        () -> new MemorySearch().search(filter("fridge", null), List.of(deadHub), null, Instant.now()))
                .isInstanceOf(NodeApiException.class)
                .hasMessageContaining("unreachable");
    }
}
