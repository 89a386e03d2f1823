package io.smollama.desktop.memory;

import io.smollama.common.Memory;
import io.smollama.common.NodeApiException;
import io.smollama.common.Observation;
import io.smollama.desktop.memory.MemoryFilter.Kinds;
import io.smollama.desktop.memory.MemoryFilter.Period;
import io.smollama.desktop.service.Background;
import io.smollama.desktop.service.ConsoleNodes;
import io.smollama.desktop.service.NodeHandle;
import io.smollama.desktop.service.NodeState;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * The Memory screen's state and commands, without JavaFX scene references. Searches run through
 * {@link Background}; an answer that arrives after a newer search started is dropped. Forgetting asks
 * for a confirmation first and goes to the node that wrote the memory (or the hub that answered).
 */
final class MemoryViewModel {

    static final String ALL_NODES = "All nodes";
    static final String ANY_TYPE = "Any type";
    static final int LIMIT = 50;

    /** What the result area shows. */
    enum Status {
        IDLE,
        SEARCHING,
        RESULTS,
        EMPTY,
        ERROR
    }

    private final ConsoleNodes nodes;
    private final Background bg;
    private final Clock clock;
    private final MemorySearch search = new MemorySearch();
    private final DateTimeFormatter timeFormat;

    private final StringProperty query = new SimpleStringProperty("");
    private final StringProperty scope = new SimpleStringProperty(ALL_NODES);
    private final ObjectProperty<Kinds> kinds = new SimpleObjectProperty<>(Kinds.ALL);
    private final StringProperty type = new SimpleStringProperty(ANY_TYPE);
    private final ObjectProperty<Period> period = new SimpleObjectProperty<>(Period.ANY);
    private final ObservableList<String> scopes = FXCollections.observableArrayList(ALL_NODES);
    private final ObservableList<MemoryHit> results = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(Status.IDLE);
    private final ReadOnlyStringWrapper message =
            new ReadOnlyStringWrapper("Type a question, or press Search to list the newest entries.");
    private final ReadOnlyStringWrapper notes = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<@Nullable MemoryHit> pendingForget = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private long generation;

    MemoryViewModel(ConsoleNodes nodes, Background bg, Clock clock) {
        this.nodes = nodes;
        this.bg = bg;
        this.clock = clock;
        this.timeFormat =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(clock.getZone());
        nodes.nodes().addListener((ListChangeListener<NodeHandle>) c -> syncScopes());
        syncScopes();
    }

    StringProperty queryProperty() {
        return query;
    }

    /** A node's name, or {@link #ALL_NODES}. */
    StringProperty scopeProperty() {
        return scope;
    }

    ObjectProperty<Kinds> kindsProperty() {
        return kinds;
    }

    /** An observation type, or {@link #ANY_TYPE}. */
    StringProperty typeProperty() {
        return type;
    }

    ObjectProperty<Period> periodProperty() {
        return period;
    }

    ObservableList<String> scopes() {
        return scopes;
    }

    List<String> types() {
        return Stream.concat(Stream.of(ANY_TYPE), Observation.TYPES.stream().sorted())
                .toList();
    }

    ObservableList<MemoryHit> results() {
        return results;
    }

    ReadOnlyObjectProperty<Status> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The sentence for the empty, error and searching states. */
    ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Partial failures (a node that did not answer) beside results that did arrive. */
    ReadOnlyStringProperty notesProperty() {
        return notes.getReadOnlyProperty();
    }

    /** The memory awaiting the operator's confirmation before it is forgotten. */
    ReadOnlyObjectProperty<@Nullable MemoryHit> pendingForgetProperty() {
        return pendingForget.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Runs the search the filters describe; a blank query lists the newest entries. */
    void search() {
        MemoryFilter filter = filter();
        List<NodeHandle> targets = nodes.nodes().stream()
                .filter(n -> n.state().getValue() != NodeState.OFFLINE)
                .toList();
        NodeHandle hub = nodes.hub().getValue();
        long mine = ++generation;
        status.set(Status.SEARCHING);
        busy.set(true);
        notes.set("");
        message.set(filter.listing() ? "Listing the newest entries…" : "Searching for “" + filter.query() + "”…");
        bg.run(
                () -> search.search(filter, targets, hub, clock.instant()),
                outcome -> {
                    if (mine != generation) return;
                    busy.set(false);
                    results.setAll(outcome.hits());
                    notes.set(String.join(" ", outcome.notes()));
                    if (outcome.hits().isEmpty()) {
                        status.set(Status.EMPTY);
                        message.set(emptySentence(filter));
                    } else {
                        status.set(Status.RESULTS);
                        message.set(outcome.hits().size() + (outcome.hits().size() == 1 ? " result" : " results"));
                    }
                },
                error -> {
                    if (mine != generation) return;
                    busy.set(false);
                    results.clear();
                    status.set(Status.ERROR);
                    message.set(errorSentence(error));
                });
    }

    MemoryFilter filter() {
        String node = ALL_NODES.equals(scope.get()) ? null : scope.get();
        String t = ANY_TYPE.equals(type.get()) ? null : type.get();
        return new MemoryFilter(query.get() == null ? "" : query.get(), node, kinds.get(), t, period.get(), LIMIT);
    }

    /** Why a hit cannot be forgotten, or empty when it can. */
    Optional<String> forgetBlockedBecause(MemoryHit hit) {
        if (hit.kind() != MemoryHit.Kind.MEMORY) {
            return Optional.of("Only memories can be forgotten.");
        }
        if (!hit.active()) {
            return Optional.of("Already forgotten.");
        }
        if (writer(hit) == null) {
            return Optional.of("Add the API token of " + hit.node() + " in Nodes to forget memories.");
        }
        return Optional.empty();
    }

    void requestForget(MemoryHit hit) {
        if (forgetBlockedBecause(hit).isEmpty()) {
            pendingForget.set(hit);
        }
    }

    void cancelForget() {
        pendingForget.set(null);
    }

    /** Forgets the memory awaiting confirmation, on the node that wrote it (else the node that answered). */
    void confirmForget() {
        MemoryHit hit = pendingForget.get();
        NodeHandle target = hit == null ? null : writer(hit);
        pendingForget.set(null);
        if (hit == null || target == null) {
            return;
        }
        busy.set(true);
        bg.run(
                () -> target.client().forget(hit.id()),
                (Memory forgotten) -> {
                    busy.set(false);
                    int at = results.indexOf(hit);
                    if (at >= 0) {
                        results.remove(at);
                    }
                    notes.set("Forgot “" + forgotten.fact() + "” on " + target.name() + ".");
                    if (results.isEmpty()) {
                        status.set(Status.EMPTY);
                        message.set(emptySentence(filter()));
                    }
                },
                error -> {
                    busy.set(false);
                    notes.set("Could not forget “" + hit.text() + "”: " + errorSentence(error));
                });
    }

    String localTime(MemoryHit hit) {
        return timeFormat.format(hit.at());
    }

    /** "confidence 80% · similarity 0.71" (similarity only when the node computed one). */
    static String figures(MemoryHit hit) {
        String c = "confidence " + Math.round(hit.confidence() * 100) + "%";
        Double s = hit.similarity();
        return s == null ? c : c + " · similarity " + String.format(Locale.ROOT, "%.2f", s);
    }

    private @Nullable NodeHandle writer(MemoryHit hit) {
        for (String name : List.of(hit.node(), hit.via())) {
            for (NodeHandle n : nodes.nodes()) {
                if (n.name().equals(name) && n.canWrite()) {
                    return n;
                }
            }
            NodeHandle hub = nodes.hub().getValue();
            if (hub != null && hub.name().equals(name) && hub.canWrite()) {
                return hub;
            }
        }
        return null;
    }

    private static String emptySentence(MemoryFilter f) {
        if (f.listing()) {
            return "Nothing stored yet" + (f.node() == null ? "" : " on " + f.node())
                    + ". Observations appear as the node watches its sensors.";
        }
        return "Nothing matches “" + f.query() + "”. Try other words, another period or all kinds.";
    }

    static String errorSentence(Exception e) {
        if (e instanceof NodeApiException n) {
            if (n.status() == 404) {
                return "This node has no memory API yet (" + n.getMessage() + "); update its node-agent.";
            }
            if (n.status() == 401 || n.status() == 403) {
                return "The node refused the request: " + n.getMessage() + ". Check its API token in Nodes.";
            }
            if (n.unreachable()) {
                return n.getMessage() + ". Check that the node is running, then search again.";
            }
            return n.getMessage() + ".";
        }
        return "The search failed: " + e.getMessage();
    }

    private void syncScopes() {
        List<String> names = Stream.concat(
                        Stream.of(ALL_NODES),
                        nodes.nodes().stream().map(NodeHandle::name).sorted())
                .toList();
        String keep = scope.get();
        scopes.setAll(names);
        scope.set(names.contains(keep) ? keep : ALL_NODES);
    }
}
