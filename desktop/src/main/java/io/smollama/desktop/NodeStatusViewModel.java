package io.smollama.desktop;

import io.smollama.common.ComponentHealth;
import io.smollama.common.Health;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the shell shows about the node it is connected to. Holds no scene references; updated on
 * the FX thread by {@link NodePoller}, unit-testable without a stage.
 */
final class NodeStatusViewModel {

    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper("connecting");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private final ObservableList<String> components = FXCollections.observableArrayList();

    ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    ObservableList<String> components() {
        return components;
    }

    void update(Health h) {
        state.set(h.status());
        title.set(h.node() + " · " + h.role() + " · v" + h.version());
        Duration up = Duration.ofSeconds(h.uptimeSeconds());
        detail.set(String.format(
                "up %dd %02dh %02dm · %s",
                up.toDays(),
                up.toHoursPart(),
                up.toMinutesPart(),
                h.counts().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue())
                        .sorted()
                        .reduce((a, b) -> a + " · " + b)
                        .orElse("")));
        Map<String, ComponentHealth> sorted = new TreeMap<>(h.components());
        components.setAll(sorted.entrySet().stream()
                .map(e -> e.getValue().status() + "  " + e.getKey()
                        + (e.getValue().detail() == null
                                ? ""
                                : " — " + e.getValue().detail()))
                .toList());
    }

    void unreachable(String why) {
        state.set("offline");
        detail.set(why);
    }
}
