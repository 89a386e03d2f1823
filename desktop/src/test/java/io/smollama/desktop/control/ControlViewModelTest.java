package io.smollama.desktop.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.common.ActionResult;
import io.smollama.common.ActuatorInfo;
import io.smollama.common.ActuatorInfo.ParameterInfo;
import io.smollama.desktop.service.Background;
import io.smollama.desktop.service.FixedNodes;
import io.smollama.desktop.service.UiQueue;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Control screen's view-model and inputs, without JavaFX. */
class ControlViewModelTest {

    private static final URI NOBODY = URI.create("http://127.0.0.1:9");

    private final UiQueue ui = new UiQueue();
    private final Background bg = new Background(ui);
    private final FixedNodes nodes = new FixedNodes();
    private final ControlViewModel model = new ControlViewModel(nodes, bg, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

    @AfterEach
    void close() {
        bg.close();
        nodes.nodes().forEach(n -> ((FixedNodes.Handle) n).close());
    }

    private static ParameterInfo param(
            String name, String type, boolean required, Double min, Double max, List<String> allowed) {
        return new ParameterInfo(name, type, name + " help", required, min, max, allowed);
    }

    private static final ActuatorInfo FAN_SET = new ActuatorInfo(
            "gpio:fan.set", "gpio", "Sets the fan", List.of(param("state", "boolean", true, null, null, List.of())));

    @Test
    void eachParameterTypeGetsItsInputAndStartsAtAValidValue() {
        ParameterInput bool = new ParameterInput(param("on", "boolean", true, null, null, List.of()));
        ParameterInput level = new ParameterInput(param("level", "integer", true, 3.0, 10.0, List.of()));
        ParameterInput pulse = new ParameterInput(param("millis", "integer", true, 1.0, 60_000.0, List.of()));
        ParameterInput ratio = new ParameterInput(param("ratio", "number", true, -1.0, -0.5, List.of()));
        ParameterInput mode = new ParameterInput(param("mode", "enum", true, null, null, List.of("eco", "boost")));
        ParameterInput note = new ParameterInput(param("note", "string", false, null, null, List.of()));
        assertThat(List.of(bool, level, pulse, ratio, mode, note))
                .extracting(ParameterInput::kind)
                .containsExactly(
                        ParameterInput.Kind.BOOLEAN,
                        ParameterInput.Kind.INTEGER,
                        ParameterInput.Kind.DURATION,
                        ParameterInput.Kind.NUMBER,
                        ParameterInput.Kind.ENUM,
                        ParameterInput.Kind.TEXT);
        assertThat(List.of(bool, level, pulse, ratio, mode))
                .extracting(i -> i.valueProperty().get())
                .containsExactly(false, 3L, 500L, -0.5, "eco");
        assertThat(List.of(bool, level, pulse, ratio, mode, note))
                .allSatisfy(i -> assertThat(i.problem()).isEmpty());
        assertThat(note.wireValue()).isNull();
        assertThat(pulse.describe()).isEqualTo("millis = 500 ms");
        assertThat(level.bounds()).isEqualTo("3–10");
    }

    @Test
    void valuesOutsideTheBoundsOrMissingAreProblemsNamingTheParameter() {
        ParameterInput level = new ParameterInput(param("level", "integer", true, 0.0, 10.0, List.of()));
        level.valueProperty().set(11L);
        assertThat(level.problem()).contains("level must be within 0–10");
        ParameterInput name = new ParameterInput(param("name", "string", true, null, null, List.of()));
        assertThat(name.problem()).contains("name is required");
    }

    @Test
    void anActuatorDrivesTheSourceItsIdNames() {
        assertThat(new ActuatorControl(FAN_SET).drivenSource()).isEqualTo("gpio:fan");
        assertThat(new ActuatorControl(new ActuatorInfo("relay:pump", "relay", "", List.of())).drivenSource())
                .isEqualTo("relay:pump");
    }

    @Test
    void theConfirmationNamesTheActionItsValuesAndTheNode() {
        ActuatorControl fan = new ActuatorControl(FAN_SET);
        fan.inputs().getFirst().valueProperty().set(true);
        assertThat(fan.question("pi-a")).isEqualTo("Run gpio:fan.set (state = on) on pi-a?");
        assertThat(fan.params()).isEqualTo(Map.of("state", true));
    }

    @Test
    void aResultShowsItsMessageAndStateAndAFailureIsMarked() {
        ActuatorControl fan = new ActuatorControl(FAN_SET);
        DateTimeFormatter t = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
        fan.done(new ActionResult("gpio:fan.set", true, "fan is now high", Map.of("state", true), Instant.EPOCH), t);
        assertThat(fan.resultProperty().get()).isEqualTo("Done: fan is now high — state true (00:00:00)");
        assertThat(fan.failedProperty().get()).isFalse();
        fan.done(new ActionResult("gpio:fan.set", false, "pin busy", Map.of(), Instant.EPOCH), t);
        assertThat(fan.resultProperty().get()).startsWith("Failed: pin busy");
        assertThat(fan.failedProperty().get()).isTrue();
    }

    @Test
    void withoutANodeTheScreenAsksToSelectOne() {
        model.shown();
        assertThat(model.messageProperty().get()).isEqualTo("Select a node in Nodes to see its actuators.");
    }

    @Test
    void withoutATokenNothingIsAskedAndTheHintSaysWhereToAddIt() {
        nodes.add("pi-a", NOBODY, null);
        assertThat(model.writeHintProperty().get()).isEqualTo("Read-only: add the API token of pi-a in Nodes to act.");
        ActuatorControl fan = new ActuatorControl(FAN_SET);
        model.request(fan);
        assertThat(model.pendingProperty().get()).isNull();
    }

    @Test
    void badInputsShowOnTheActuatorInsteadOfAskingAndCancelChangesNothing() {
        nodes.add("pi-a", NOBODY, "token-0123456789abcdef");
        ActuatorControl named = new ActuatorControl(new ActuatorInfo(
                "x:label.set", "x", "", List.of(param("text", "string", true, null, null, List.of()))));
        model.request(named);
        assertThat(model.pendingProperty().get()).isNull();
        assertThat(named.resultProperty().get()).isEqualTo("Check the inputs: text is required.");
        assertThat(named.failedProperty().get()).isTrue();

        ActuatorControl fan = new ActuatorControl(FAN_SET);
        model.request(fan);
        assertThat(model.pendingProperty().get()).isSameAs(fan);
        assertThat(model.questionProperty().get()).isEqualTo("Run gpio:fan.set (state = off) on pi-a?");
        model.cancel();
        assertThat(model.pendingProperty().get()).isNull();
        assertThat(fan.resultProperty().get()).isEmpty();
    }

    @Test
    void aNodeThatDoesNotAnswerSaysSoWithWhatToDo() throws Exception {
        nodes.add("pi-a", NOBODY, "token-0123456789abcdef");
        assertThat(model.messageProperty().get()).isEqualTo("Loading the actuators of pi-a…");
        ui.runNext();
        assertThat(model.messageProperty().get())
                .isEqualTo("pi-a did not answer. Check that it is running, then press Refresh.");
        assertThat(model.actuators()).isEmpty();
    }

    @Test
    void anOnOffSwitchStartsFromTheOutputsCurrentStateUntilTheOperatorTouchesIt() {
        ActuatorControl fan = new ActuatorControl(new ActuatorInfo(
                "gpio:fan.set",
                "gpio",
                "Switch the fan",
                List.of(new ParameterInfo("state", "boolean", "on or off", true, null, null, List.of()))));
        var time = java.time.format.DateTimeFormatter.ISO_INSTANT;
        Instant at = Instant.parse("2026-11-24T10:00:00Z");

        fan.show(io.smollama.common.Reading.numeric("pi", "gpio", "fan", 1, null, at, java.util.Map.of()), time);
        assertThat(fan.inputs().getFirst().valueProperty().get()).isEqualTo(true);

        fan.inputs().getFirst().valueProperty().set(false); // the operator flips it, not yet run
        fan.show(io.smollama.common.Reading.numeric("pi", "gpio", "fan", 1, null, at, java.util.Map.of()), time);
        assertThat(fan.inputs().getFirst().valueProperty().get()).isEqualTo(false);
    }
}
