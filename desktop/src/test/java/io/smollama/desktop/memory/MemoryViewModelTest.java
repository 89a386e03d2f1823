package io.smollama.desktop.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.common.Memory;
import io.smollama.common.Observation;
import io.smollama.common.RecallHit;
import io.smollama.desktop.memory.MemoryFilter.Kinds;
import io.smollama.desktop.service.Background;
import io.smollama.desktop.service.FixedNodes;
import io.smollama.desktop.service.NodeState;
import io.smollama.desktop.service.UiQueue;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Memory screen's view-model, without JavaFX: filters, forgetting, empty and error states. */
class MemoryViewModelTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    /** Nothing listens on the discard port: calls fail fast with "connection refused". */
    private static final URI NOBODY = URI.create("http://127.0.0.1:9");

    private final UiQueue ui = new UiQueue();
    private final Background bg = new Background(ui);
    private final FixedNodes nodes = new FixedNodes();
    private final MemoryViewModel model = new MemoryViewModel(nodes, bg, Clock.fixed(NOW, ZoneId.of("Europe/Berlin")));

    @AfterEach
    void close() {
        bg.close();
        nodes.nodes().forEach(n -> ((FixedNodes.Handle) n).close());
    }

    private static Memory memory(String node) {
        return new Memory("m-1", node, "the fan is noisy above 60%", 0.8, 2, true, NOW, NOW, null);
    }

    private static Observation observation(String node) {
        return new Observation("o-1", node, "anomaly", "temperature spiked", 0.9, List.of(), "llm", NOW, NOW, 1, null);
    }

    @Test
    void theScopeListsAllNodesThenEachKnownNodeByName() {
        nodes.add("pi-b", NOBODY, null);
        nodes.add("pi-a", NOBODY, null);
        assertThat(model.scopes()).containsExactly(MemoryViewModel.ALL_NODES, "pi-a", "pi-b");
        model.scopeProperty().set("pi-b");
        nodes.nodes().remove(1);
        assertThat(model.scopeProperty().get()).isEqualTo("pi-b");
        nodes.nodes().removeFirst();
        assertThat(model.scopeProperty().get()).isEqualTo(MemoryViewModel.ALL_NODES);
    }

    @Test
    void theFilterCarriesQueryNodeKindTypeAndPeriodAndATypeNarrowsObservationsOnly() {
        nodes.add("pi-a", NOBODY, null);
        model.queryProperty().set("  fan noise ");
        model.scopeProperty().set("pi-a");
        model.typeProperty().set("anomaly");
        model.periodProperty().set(MemoryFilter.Period.DAY);
        MemoryFilter f = model.filter();
        assertThat(f.query()).isEqualTo("fan noise");
        assertThat(f.node()).isEqualTo("pi-a");
        assertThat(f.type()).isEqualTo("anomaly");
        assertThat(f.period().since(NOW)).isEqualTo(NOW.minusSeconds(86_400));
        model.kindsProperty().set(Kinds.MEMORIES);
        assertThat(model.filter().type()).isNull();
        assertThat(model.filter().kinds().wire()).containsExactly("memory");
    }

    @Test
    void aMemoryCanBeForgottenOnlyWithItsNodesTokenAndTheHintSaysWhereToAddIt() {
        nodes.add("pi-a", NOBODY, null);
        MemoryHit hit = MemoryHit.of(RecallHit.of(memory("pi-a"), 0.9, 0.8), "pi-a");
        assertThat(model.forgetBlockedBecause(hit)).contains("Add the API token of pi-a in Nodes to forget memories.");
        model.requestForget(hit);
        assertThat(model.pendingForgetProperty().get()).isNull();

        nodes.add("pi-b", NOBODY, "token-0123456789abcdef");
        MemoryHit writable = MemoryHit.of(RecallHit.of(memory("pi-b"), 0.9, 0.8), "pi-b");
        assertThat(model.forgetBlockedBecause(writable)).isEmpty();
    }

    @Test
    void observationsAndForgottenMemoriesCannotBeForgotten() {
        nodes.add("pi-a", NOBODY, "token-0123456789abcdef");
        assertThat(model.forgetBlockedBecause(MemoryHit.of(observation("pi-a"), "pi-a")))
                .contains("Only memories can be forgotten.");
        Memory gone = new Memory("m-2", "pi-a", "old fact", 0.5, 1, false, NOW, NOW, null);
        assertThat(model.forgetBlockedBecause(MemoryHit.of(gone, "pi-a"))).contains("Already forgotten.");
    }

    @Test
    void forgettingAsksFirstAndKeepingItChangesNothing() {
        nodes.add("pi-a", NOBODY, "token-0123456789abcdef");
        MemoryHit hit = MemoryHit.of(memory("pi-a"), "pi-a");
        model.results().add(hit);
        model.requestForget(hit);
        assertThat(model.pendingForgetProperty().get()).isEqualTo(hit);
        model.cancelForget();
        assertThat(model.pendingForgetProperty().get()).isNull();
        assertThat(model.results()).containsExactly(hit);
    }

    @Test
    void aMergedMemoryIsForgottenThroughTheHubThatAnsweredWhenItsNodeIsUnknown() {
        FixedNodes.Handle hub = nodes.add("hub", NOBODY, "token-0123456789abcdef");
        nodes.hub(hub);
        MemoryHit fromElsewhere = MemoryHit.of(memory("pi-far"), "hub");
        assertThat(model.forgetBlockedBecause(fromElsewhere)).isEmpty();
    }

    @Test
    void aForgetThatCannotReachTheNodeKeepsTheRowAndSaysWhy() throws Exception {
        nodes.add("pi-a", NOBODY, "token-0123456789abcdef");
        MemoryHit hit = MemoryHit.of(memory("pi-a"), "pi-a");
        model.results().add(hit);
        model.requestForget(hit);
        model.confirmForget();
        assertThat(model.busyProperty().get()).isTrue();
        ui.runUntil(() -> !model.busyProperty().get());
        assertThat(model.results()).containsExactly(hit);
        assertThat(model.notesProperty().get())
                .startsWith("Could not forget “the fan is noisy above 60%”")
                .contains("unreachable");
    }

    @Test
    void aSearchNoNodeAnswersEndsInAnErrorSentenceSayingWhatToDo() throws Exception {
        nodes.add("pi-a", NOBODY, null);
        model.queryProperty().set("fan");
        model.search();
        assertThat(model.statusProperty().get()).isEqualTo(MemoryViewModel.Status.SEARCHING);
        ui.runUntil(() -> model.statusProperty().get() != MemoryViewModel.Status.SEARCHING);
        assertThat(model.statusProperty().get()).isEqualTo(MemoryViewModel.Status.ERROR);
        assertThat(model.messageProperty().get())
                .contains("unreachable")
                .endsWith("Check that the node is running, then search again.");
        assertThat(model.results()).isEmpty();
    }

    @Test
    void offlineNodesAreNotAskedAndWithNoneOnlineTheSearchSaysSo() throws Exception {
        nodes.add("pi-a", NOBODY, null).state(NodeState.OFFLINE);
        model.search();
        ui.runUntil(() -> model.statusProperty().get() != MemoryViewModel.Status.SEARCHING);
        assertThat(model.messageProperty().get()).contains("no node is online to search");
    }

    @Test
    void timesShowInTheConsolesZoneWithConfidenceAndSimilarity() {
        MemoryHit hit = MemoryHit.of(RecallHit.of(observation("pi-a"), 0.7, 0.712), "pi-a");
        assertThat(model.localTime(hit)).isEqualTo("2026-03-01 13:00");
        assertThat(MemoryViewModel.figures(hit)).isEqualTo("confidence 90% · similarity 0.71");
        assertThat(MemoryViewModel.figures(MemoryHit.of(memory("pi-a"), "pi-a")))
                .isEqualTo("confidence 80%");
        assertThat(hit.type()).isEqualTo("anomaly");
        assertThat(hit.kind().label()).isEqualTo("observation");
    }
}
