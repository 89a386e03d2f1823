package io.smollama.desktop.control;

import io.smollama.common.ActionResult;
import io.smollama.common.ActuatorInfo;
import io.smollama.common.NodeApiException;
import io.smollama.common.Reading;
import io.smollama.desktop.service.Background;
import io.smollama.desktop.service.ConsoleNodes;
import io.smollama.desktop.service.NodeHandle;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * The Control screen's state and commands, without JavaFX scene references. It follows the selected
 * node; every action waits for the operator's confirmation, runs through {@link Background}, shows its
 * result (or error) on its own actuator, and then re-reads the driven sources' state.
 */
final class ControlViewModel {

    private static final System.Logger LOG = System.getLogger(ControlViewModel.class.getName());

    private final ConsoleNodes nodes;
    private final Background bg;
    private final DateTimeFormatter time;

    private final ObservableList<ActuatorControl> actuators = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper writeHint = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper("Control");
    private final ReadOnlyObjectWrapper<@Nullable ActuatorControl> pending = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper question = new ReadOnlyStringWrapper("");
    private @Nullable NodeHandle node;
    private long generation;

    ControlViewModel(ConsoleNodes nodes, Background bg, Clock clock) {
        this.nodes = nodes;
        this.bg = bg;
        this.time = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(clock.getZone());
        nodes.selected().addListener((o, was, now) -> follow(now));
    }

    ObservableList<ActuatorControl> actuators() {
        return actuators;
    }

    /** Loading, empty and error states, as a sentence ("" when actuators are listed). */
    ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Why actions are disabled (no token), or "". */
    ReadOnlyStringProperty writeHintProperty() {
        return writeHint.getReadOnlyProperty();
    }

    ReadOnlyStringProperty headingProperty() {
        return heading.getReadOnlyProperty();
    }

    /** The actuator awaiting confirmation. */
    ReadOnlyObjectProperty<@Nullable ActuatorControl> pendingProperty() {
        return pending.getReadOnlyProperty();
    }

    ReadOnlyStringProperty questionProperty() {
        return question.getReadOnlyProperty();
    }

    boolean canWrite() {
        return node != null && node.canWrite();
    }

    /** Shows the selected node's actuators (the first time, or after a node change). */
    void shown() {
        if (node != nodes.selected().getValue() || actuators.isEmpty()) {
            follow(nodes.selected().getValue());
        } else {
            refreshState();
        }
    }

    /** Lists the node's actuators again, and their state. */
    void refresh() {
        follow(node);
    }

    /** Asks for confirmation of the actuator's action with its current inputs; bad inputs are shown on it. */
    void request(ActuatorControl a) {
        if (!canWrite() || node == null) {
            return;
        }
        Optional<String> problem = a.problem();
        if (problem.isPresent()) {
            a.failed("Check the inputs: " + problem.get() + ".");
            return;
        }
        question.set(a.question(node.name()));
        pending.set(a);
    }

    void cancel() {
        pending.set(null);
        question.set("");
    }

    /** Runs the confirmed action; the result shows on its actuator, then the state is read again. */
    void confirm() {
        ActuatorControl a = pending.get();
        NodeHandle n = node;
        cancel();
        if (a == null || n == null) {
            return;
        }
        Map<String, Object> params = a.params();
        a.busy(true);
        long mine = generation;
        bg.run(
                () -> n.client().act(a.id(), params),
                (ActionResult r) -> {
                    a.busy(false);
                    a.done(r, time);
                    if (mine == generation) refreshState();
                },
                e -> {
                    a.busy(false);
                    a.failed(sentence(n, e));
                });
    }

    private void follow(@Nullable NodeHandle n) {
        node = n;
        long mine = ++generation;
        cancel();
        actuators.clear();
        if (n == null) {
            heading.set("Control");
            writeHint.set("");
            message.set("Select a node in Nodes to see its actuators.");
            return;
        }
        heading.set("Control · " + n.name());
        writeHint.set(n.canWrite() ? "" : "Read-only: add the API token of " + n.name() + " in Nodes to act.");
        message.set("Loading the actuators of " + n.name() + "…");
        bg.run(
                n.client()::actuators,
                (List<ActuatorInfo> list) -> {
                    if (mine != generation) return;
                    actuators.setAll(list.stream().map(ActuatorControl::new).toList());
                    message.set(
                            list.isEmpty()
                                    ? n.name()
                                            + " has no actuators. Configure GPIO outputs or add an actuator plugin on it."
                                    : "");
                    refreshState();
                },
                e -> {
                    if (mine == generation) message.set(sentence(n, e));
                });
    }

    /** Reads the driven sources' latest readings and shows them on their actuators. */
    void refreshState() {
        NodeHandle n = node;
        if (n == null || actuators.isEmpty()) {
            return;
        }
        long mine = generation;
        bg.run(
                n.client()::latestReadings,
                (List<Reading> readings) -> {
                    if (mine != generation) return;
                    Map<String, Reading> bySource = readings.stream()
                            .collect(Collectors.toMap(
                                    r -> r.sourceType() + ":" + r.sourceId(), Function.identity(), (a, b) -> b));
                    for (ActuatorControl a : actuators) {
                        a.show(bySource.get(a.drivenSource()), time);
                    }
                },
                e -> {
                    // the state lines keep their last values; the next action or refresh reads them again
                    LOG.log(System.Logger.Level.DEBUG, "reading the state of " + n.name() + "'s actuators failed", e);
                });
    }

    static String sentence(NodeHandle n, Exception e) {
        if (e instanceof NodeApiException api) {
            if (api.unreachable()) {
                return n.name() + " did not answer. Check that it is running, then press Refresh.";
            }
            if (api.status() == 401 || api.status() == 403) {
                return n.name() + " refused: " + api.getMessage() + ". Check its API token in Nodes.";
            }
            return api.getMessage() + ".";
        }
        return "Failed: " + e.getMessage();
    }
}
