package io.smollama.desktop.memory;

import io.smollama.desktop.memory.MemoryFilter.Kinds;
import io.smollama.desktop.memory.MemoryFilter.Period;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The Memory screen's controls, bound to a {@link MemoryViewModel}. Built once, on the FX thread. */
final class MemoryView extends BorderPane {

    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");

    MemoryView(MemoryViewModel model) {
        getStyleClass().add("memory-screen");
        getStylesheets()
                .add(Objects.requireNonNull(MemoryView.class.getResource("memory.css"))
                        .toExternalForm());

        TextField query = new TextField();
        query.setId("memory-query");
        query.setPromptText("Search observations and memories (blank: newest)");
        query.textProperty().bindBidirectional(model.queryProperty());
        query.setOnAction(e -> model.search());
        HBox.setHgrow(query, Priority.ALWAYS);
        Button search = new Button("Search");
        search.setId("memory-search");
        search.setDefaultButton(true);
        search.getStyleClass().add("accent");
        search.setOnAction(e -> model.search());

        ChoiceBox<String> scope = new ChoiceBox<>(model.scopes());
        scope.setId("memory-scope");
        scope.valueProperty().bindBidirectional(model.scopeProperty());
        ChoiceBox<Kinds> kinds = new ChoiceBox<>();
        kinds.getItems().setAll(Kinds.values());
        kinds.valueProperty().bindBidirectional(model.kindsProperty());
        ChoiceBox<String> type = new ChoiceBox<>();
        type.getItems().setAll(model.types());
        type.valueProperty().bindBidirectional(model.typeProperty());
        type.disableProperty().bind(model.kindsProperty().isEqualTo(Kinds.MEMORIES));
        ChoiceBox<Period> period = new ChoiceBox<>();
        period.getItems().setAll(Period.values());
        period.valueProperty().bindBidirectional(model.periodProperty());
        // a changed filter applies at once, to the query as it stands
        scope.valueProperty().addListener((o, a, b) -> model.search());
        kinds.valueProperty().addListener((o, a, b) -> model.search());
        type.valueProperty().addListener((o, a, b) -> model.search());
        period.valueProperty().addListener((o, a, b) -> model.search());

        HBox searchRow = new HBox(8, query, search);
        searchRow.setAlignment(Pos.CENTER_LEFT);
        FlowPane filters = new FlowPane(8, 8, scope, kinds, type, period);
        Label notes = new Label();
        notes.getStyleClass().add("memory-notes");
        notes.setWrapText(true);
        notes.textProperty().bind(model.notesProperty());
        notes.visibleProperty().bind(model.notesProperty().isNotEmpty());
        notes.managedProperty().bind(notes.visibleProperty());
        Label status = new Label();
        status.getStyleClass().add("memory-status");
        status.textProperty().bind(model.messageProperty());
        // empty, error and idle sentences show in the list's placeholder; here only progress and counts
        status.visibleProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> model.statusProperty().get() == MemoryViewModel.Status.SEARCHING
                                || model.statusProperty().get() == MemoryViewModel.Status.RESULTS,
                        model.statusProperty()));
        status.managedProperty().bind(status.visibleProperty());
        VBox top = new VBox(8, searchRow, filters, status, notes);
        top.getStyleClass().add("memory-header");
        setTop(top);

        ListView<MemoryHit> list = new ListView<>(model.results());
        list.setId("memory-results");
        list.getStyleClass().add("memory-results");
        Label placeholder = new Label();
        placeholder.getStyleClass().add("memory-placeholder");
        placeholder.setWrapText(true);
        placeholder.textProperty().bind(model.messageProperty());
        model.statusProperty()
                .addListener(
                        (o, a, s) -> placeholder.pseudoClassStateChanged(ERROR, s == MemoryViewModel.Status.ERROR));
        list.setPlaceholder(placeholder);
        list.setCellFactory(v -> new HitCell(model, v));
        setCenter(list);
        setBottom(confirmBar(model));
    }

    private static HBox confirmBar(MemoryViewModel model) {
        Label question = new Label();
        question.setWrapText(true);
        question.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            MemoryHit hit = model.pendingForgetProperty().get();
                            return hit == null
                                    ? ""
                                    : "Forget “" + hit.text() + "” on " + hit.node()
                                            + "? Agents stop recalling it, on every node it syncs to.";
                        },
                        model.pendingForgetProperty()));
        HBox.setHgrow(question, Priority.ALWAYS);
        Button forget = new Button("Forget");
        forget.setId("memory-confirm-forget");
        forget.getStyleClass().add("danger");
        forget.setOnAction(e -> model.confirmForget());
        Button cancel = new Button("Keep it");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> model.cancelForget());
        forget.setMinWidth(Region.USE_PREF_SIZE);
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(8, question, forget, cancel);
        bar.getStyleClass().add("confirm-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.visibleProperty().bind(model.pendingForgetProperty().isNotNull());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    /** One result: its text, then kind, type, node, local time, confidence and similarity. */
    private static final class HitCell extends ListCell<MemoryHit> {
        private final MemoryViewModel model;
        private final Label text = new Label();
        private final Label kind = new Label();
        private final Label meta = new Label();
        private final Label hint = new Label();
        private final Button forget = new Button("Forget…");
        private final VBox box;

        HitCell(MemoryViewModel model, ListView<MemoryHit> list) {
            this.model = model;
            text.setWrapText(true);
            text.getStyleClass().add("hit-text");
            kind.getStyleClass().add("hit-kind");
            meta.getStyleClass().add("hit-meta");
            hint.getStyleClass().add("hit-hint");
            forget.getStyleClass().addAll("hit-forget", "flat", "danger");
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            HBox line = new HBox(8, kind, meta, gap, hint, forget);
            line.setAlignment(Pos.CENTER_LEFT);
            box = new VBox(4, text, line);
            box.getStyleClass().add("hit");
            // cell padding and the vertical scroll bar (wider in kiosk mode) fit beside it: no sideways scrolling
            box.prefWidthProperty().bind(list.widthProperty().subtract(48));
            box.setMaxWidth(Region.USE_PREF_SIZE);
        }

        @Override
        protected void updateItem(MemoryHit hit, boolean empty) {
            super.updateItem(hit, empty);
            setText(null);
            if (empty || hit == null) {
                setGraphic(null);
                return;
            }
            text.setText(hit.text());
            kind.setText(hit.kind().label());
            kind.getStyleClass().setAll("hit-kind", hit.kind() == MemoryHit.Kind.MEMORY ? "memory" : "observation");
            String type = hit.type() == null ? "" : hit.type() + " · ";
            meta.setText(type + hit.node() + " · " + model.localTime(hit) + " · " + MemoryViewModel.figures(hit));
            boolean isMemory = hit.kind() == MemoryHit.Kind.MEMORY;
            Optional<String> blocked = model.forgetBlockedBecause(hit);
            forget.setVisible(isMemory);
            forget.setManaged(isMemory);
            forget.setDisable(blocked.isPresent());
            forget.setOnAction(e -> model.requestForget(hit));
            hint.setText(isMemory ? blocked.orElse("") : "");
            setGraphic(box);
        }
    }
}
