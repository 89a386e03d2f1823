package io.smollama.desktop.control;

import atlantafx.base.controls.ToggleSwitch;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The Control screen's controls, bound to a {@link ControlViewModel}: one card per actuator with typed
 * inputs, and one confirmation sheet over the cards (large in kiosk mode) before any change.
 */
final class ControlView extends StackPane {

    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");

    private final ControlViewModel model;
    private final VBox cards = new VBox(12);

    ControlView(ControlViewModel model) {
        this.model = model;
        getStyleClass().add("control-screen");
        getStylesheets()
                .add(Objects.requireNonNull(ControlView.class.getResource("control.css"))
                        .toExternalForm());

        Label heading = new Label();
        heading.getStyleClass().add("control-heading");
        heading.textProperty().bind(model.headingProperty());
        Button refresh = new Button("Refresh");
        refresh.setId("control-refresh");
        refresh.setOnAction(e -> model.refresh());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox top = new HBox(8, heading, gap, refresh);
        top.setAlignment(Pos.CENTER_LEFT);
        Label hint = hideWhenEmpty(new Label(), model.writeHintProperty());
        hint.getStyleClass().add("control-hint");
        Label message = hideWhenEmpty(new Label(), model.messageProperty());
        message.setId("control-message");
        message.getStyleClass().add("control-message");

        cards.getStyleClass().add("control-cards");
        model.actuators().addListener((ListChangeListener<ActuatorControl>) c -> cards.getChildren()
                .setAll(model.actuators().stream().map(this::card).toList()));
        ScrollPane scroll = new ScrollPane(cards);
        scroll.setFitToWidth(true);
        BorderPane page = new BorderPane(scroll);
        page.setTop(new VBox(8, top, hint, message));
        page.getStyleClass().add("control-page");
        getChildren().addAll(page, confirmSheet());
    }

    private Node card(ActuatorControl a) {
        Label id = new Label(a.id());
        id.getStyleClass().add("actuator-id");
        Label description = new Label(a.info().description());
        description.setWrapText(true);
        description.getStyleClass().add("actuator-description");
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        int row = 0;
        for (ParameterInput in : a.inputs()) {
            Label name = new Label(in.info().name());
            name.getStyleClass().add("parameter-name");
            Label about = new Label(in.info().description() + (in.info().required() ? "" : " (optional)"));
            about.setWrapText(true);
            about.getStyleClass().add("parameter-description");
            grid.addRow(row++, name, input(a, in), about);
        }
        Button run = new Button(a.inputs().isEmpty() ? "Run…" : "Apply…");
        run.setId("act-" + a.id().replaceAll("[^A-Za-z0-9]", "-"));
        run.getStyleClass().add("accent");
        run.disableProperty().bind(a.busyProperty().or(Bindings.createBooleanBinding(() -> !model.canWrite())));
        run.setOnAction(e -> model.request(a));
        Label state = hideWhenEmpty(new Label(), a.stateProperty());
        state.getStyleClass().add("actuator-state");
        Label result = hideWhenEmpty(new Label(), a.resultProperty());
        result.setWrapText(true);
        result.getStyleClass().add("actuator-result");
        a.failedProperty().addListener((o, was, f) -> result.pseudoClassStateChanged(FAILED, f));
        result.pseudoClassStateChanged(FAILED, a.failedProperty().get());
        HBox actions = new HBox(10, run, state);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox card = new VBox(8, id, description, grid, actions, result);
        card.getStyleClass().add("actuator-card");
        return card;
    }

    private static Node input(ActuatorControl a, ParameterInput in) {
        Node control =
                switch (in.kind()) {
                    case BOOLEAN -> toggle(in);
                    case INTEGER -> integer(in);
                    case DURATION -> {
                        HBox withUnit = new HBox(
                                6,
                                integer(in),
                                new Label(
                                        ParameterInput.unitOf(in.info().name()).orElse("")));
                        withUnit.setAlignment(Pos.CENTER_LEFT);
                        yield withUnit;
                    }
                    case NUMBER -> number(in);
                    case ENUM -> choice(in);
                    case TEXT -> text(in);
                };
        control.setId("param-" + a.id().replaceAll("[^A-Za-z0-9]", "-") + "-"
                + in.info().name());
        return control;
    }

    private static ToggleSwitch toggle(ParameterInput in) {
        ToggleSwitch toggle = new ToggleSwitch();
        toggle.setSelected(Boolean.TRUE.equals(in.valueProperty().get()));
        toggle.selectedProperty().addListener((o, was, on) -> in.valueProperty().set(on));
        toggle.textProperty().bind(toggle.selectedProperty().map(on -> on ? "on" : "off"));
        return toggle;
    }

    private static Spinner<Integer> integer(ParameterInput in) {
        int lo = bound(in.info().min(), Integer.MIN_VALUE);
        int hi = bound(in.info().max(), Integer.MAX_VALUE);
        Number start = (Number) Objects.requireNonNull(in.valueProperty().get());
        Spinner<Integer> spinner = new Spinner<>(lo, hi, start.intValue(), 1);
        spinner.setEditable(true);
        spinner.valueProperty().addListener((o, was, v) -> in.valueProperty().set(v == null ? null : v.longValue()));
        commitOnFocusLoss(spinner);
        return spinner;
    }

    private static Spinner<Double> number(ParameterInput in) {
        double lo = in.info().min() == null ? -1e9 : in.info().min();
        double hi = in.info().max() == null ? 1e9 : in.info().max();
        Number start = (Number) Objects.requireNonNull(in.valueProperty().get());
        Spinner<Double> spinner = new Spinner<>(
                new SpinnerValueFactory.DoubleSpinnerValueFactory(lo, hi, start.doubleValue(), step(lo, hi)));
        spinner.setEditable(true);
        spinner.valueProperty().addListener((o, was, v) -> in.valueProperty().set(v));
        commitOnFocusLoss(spinner);
        return spinner;
    }

    private static ChoiceBox<String> choice(ParameterInput in) {
        ChoiceBox<String> choice = new ChoiceBox<>();
        choice.getItems().setAll(in.info().allowed());
        choice.setValue((String) in.valueProperty().get());
        choice.valueProperty().addListener((o, was, v) -> in.valueProperty().set(v));
        return choice;
    }

    private static TextField text(ParameterInput in) {
        TextField text = new TextField();
        text.setPromptText(in.info().required() ? "required" : "optional");
        text.textProperty().addListener((o, was, v) -> in.valueProperty().set(v));
        return text;
    }

    private StackPane confirmSheet() {
        Label question = new Label();
        question.setId("control-question");
        question.setWrapText(true);
        question.getStyleClass().add("confirm-question");
        question.textProperty().bind(model.questionProperty());
        Button confirm = new Button("Confirm");
        confirm.setId("control-confirm");
        confirm.getStyleClass().addAll("accent", "confirm-button");
        confirm.setDefaultButton(true);
        confirm.setOnAction(e -> model.confirm());
        Button cancel = new Button("Cancel");
        cancel.setId("control-cancel");
        cancel.getStyleClass().add("confirm-button");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> model.cancel());
        HBox buttons = new HBox(12, cancel, confirm);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox panel = new VBox(16, question, buttons);
        panel.getStyleClass().add("confirm-panel");
        panel.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        StackPane sheet = new StackPane(panel);
        sheet.getStyleClass().add("confirm-sheet");
        sheet.visibleProperty().bind(model.pendingProperty().isNotNull());
        return sheet;
    }

    private static Label hideWhenEmpty(Label label, javafx.beans.value.ObservableStringValue text) {
        label.textProperty().bind(text);
        label.visibleProperty().bind(Bindings.isNotEmpty(text));
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    private static <T> void commitOnFocusLoss(Spinner<T> spinner) {
        spinner.focusedProperty().addListener((o, was, focused) -> {
            if (!focused) {
                try {
                    spinner.commitValue();
                } catch (RuntimeException e) {
                    spinner.cancelEdit(); // not a number: the last valid value stays
                }
            }
        });
    }

    private static int bound(Double b, int otherwise) {
        if (b == null) return otherwise;
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, b));
    }

    private static double step(double lo, double hi) {
        double span = hi - lo;
        return span <= 10 ? 0.1 : 1;
    }
}
