package io.smollama.desktop.control;

import io.smollama.common.ActionResult;
import io.smollama.common.ActuatorInfo;
import io.smollama.common.Reading;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.jspecify.annotations.Nullable;

/**
 * One actuator as the Control screen shows it: its inputs, the result of its last action (or the
 * error), and the current state of the source it drives, when the node has one. The driven source is
 * found by the plugins' naming ({@code gpio:fan.set} drives {@code gpio:fan}).
 */
final class ActuatorControl {

    private final ActuatorInfo info;
    private final List<ParameterInput> inputs;
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper("");

    private boolean switchTouched;
    private boolean presetting;

    ActuatorControl(ActuatorInfo info) {
        this.info = info;
        this.inputs = info.parameters().stream().map(ParameterInput::new).toList();
        inputs.stream().filter(in -> in.kind() == ParameterInput.Kind.BOOLEAN).forEach(in -> in.valueProperty()
                .addListener((obs, old, now) -> {
                    if (!presetting) {
                        switchTouched = true;
                    }
                }));
    }

    ActuatorInfo info() {
        return info;
    }

    String id() {
        return info.id();
    }

    List<ParameterInput> inputs() {
        return inputs;
    }

    /** The source whose reading shows what this actuator drives: {@code gpio:fan.set} → {@code gpio:fan}. */
    String drivenSource() {
        String id = info.id();
        int colon = id.indexOf(':');
        int dot = id.lastIndexOf('.');
        return dot > colon ? id.substring(0, dot) : id;
    }

    /** The parameters to send, or the first problem with them. */
    Map<String, Object> params() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (ParameterInput in : inputs) {
            Optional<String> problem = in.problem();
            if (problem.isPresent()) {
                throw new IllegalArgumentException(problem.get());
            }
            Object v = in.wireValue();
            if (v != null) {
                out.put(in.info().name(), v);
            }
        }
        return out;
    }

    Optional<String> problem() {
        return inputs.stream().flatMap(i -> i.problem().stream()).findFirst();
    }

    /** What the confirmation asks: "Run gpio:fan.set (state = on) on pi-1?" */
    String question(String node) {
        String args = inputs.isEmpty()
                ? ""
                : " ("
                        + String.join(
                                ", ",
                                inputs.stream().map(ParameterInput::describe).toList()) + ")";
        return "Run " + info.id() + args + " on " + node + "?";
    }

    ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** "gpio:fan is 1 (14:03:12)" — the driven source's latest reading, or "". */
    ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    void busy(boolean b) {
        busy.set(b);
    }

    void done(ActionResult r, DateTimeFormatter time) {
        switchTouched = false; // the state read after the action shows where the output is now
        failed.set(!r.ok());
        String st = r.state().isEmpty()
                ? ""
                : " — "
                        + String.join(
                                ", ",
                                new TreeMap<>(r.state())
                                        .entrySet().stream()
                                                .map(e -> e.getKey() + " " + e.getValue())
                                                .toList());
        result.set((r.ok() ? "Done: " : "Failed: ") + r.message() + st + " (" + time.format(r.at()) + ")");
    }

    void failed(String sentence) {
        failed.set(true);
        result.set(sentence);
    }

    void show(@Nullable Reading latest, DateTimeFormatter time) {
        if (latest == null) {
            state.set("");
            return;
        }
        String value = latest.value() != null
                ? format(latest.value()) + (latest.unit() == null ? "" : " " + latest.unit())
                : String.valueOf(latest.text());
        state.set(drivenSource() + " is " + value + " (read " + time.format(latest.timestamp()) + ")");
        presetSwitch(latest);
    }

    /**
     * An on/off action starts from what the output is now (a fan that is on shows its switch on), until the
     * operator touches it or runs the action; the state read after an action sets it again.
     */
    private void presetSwitch(Reading latest) {
        List<ParameterInput> switches = inputs.stream()
                .filter(in -> in.kind() == ParameterInput.Kind.BOOLEAN)
                .toList();
        if (switches.size() == 1 && latest.value() != null && !switchTouched) {
            presetting = true;
            switches.getFirst().valueProperty().set(latest.value() != 0);
            presetting = false;
        }
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
