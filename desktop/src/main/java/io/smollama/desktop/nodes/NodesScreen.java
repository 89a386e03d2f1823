package io.smollama.desktop.nodes;

import io.smollama.desktop.Screen;
import io.smollama.desktop.service.NodeConnection;
import io.smollama.desktop.service.NodeHandle;
import java.time.Clock;
import java.util.Locale;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Every node the console knows (with a health dot, role, version, last seen and whether the console
 * holds its token), the selected node's detail, and the form to add a node by URL and token.
 */
public final class NodesScreen implements Screen {

    private final NodesViewModel model;
    private final NodeDetailViewModel detail;
    private final Clock clock;
    private final SplitPane root = new SplitPane();
    private final ListView<NodeRow> list = new ListView<>();
    private final Timeline ticker;
    private boolean selecting;

    public NodesScreen(NodesViewModel model, NodeDetailViewModel detail, Clock clock) {
        this.model = model;
        this.detail = detail;
        this.clock = clock;
        list.setId("node-list");
        list.setItems(model.rows());
        list.setCellFactory(l -> new NodeCell());
        list.setPlaceholder(new Label("No nodes yet: add one below."));
        list.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (row != null && !selecting) {
                model.directory().nodes().stream()
                        .filter(n -> n.baseUri().toString().equals(row.url()))
                        .findFirst()
                        .ifPresent(n -> model.directory().selected().set(n));
            }
        });
        model.directory().selected().addListener((o, a, n) -> detail.show((NodeConnection) n));

        TextField url = new TextField();
        url.setId("add-url");
        url.setPromptText("http://pi4.local:8080");
        url.textProperty().bindBidirectional(model.url());
        PasswordField token = new PasswordField();
        token.setId("add-token");
        token.setPromptText("API token (optional: without it the node is read-only)");
        token.textProperty().bindBidirectional(model.token());
        Button add = new Button("Add");
        add.setId("add-node");
        add.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        add.setOnAction(e -> {
            if (model.add()) {
                refresh();
            }
        });
        url.setOnAction(e -> add.fire());
        Button remove = new Button("Remove");
        remove.setId("remove-node");
        remove.getStyleClass().add("danger");
        remove.disableProperty().bind(model.directory().selected().isNull());
        remove.setOnAction(e -> {
            NodeHandle n = model.directory().selected().get();
            if (n != null) {
                model.remove(n);
                refresh();
            }
        });
        Label message = new Label();
        message.textProperty().bind(model.message());
        message.setWrapText(true);
        message.getStyleClass().add("text-muted");
        HBox.setHgrow(url, Priority.ALWAYS);
        HBox.setHgrow(token, Priority.ALWAYS);
        HBox form = new HBox(6, url, token, add);
        form.setAlignment(Pos.CENTER_LEFT);
        Label heading = new Label("Nodes");
        heading.getStyleClass().add("title-3");
        VBox left = new VBox(8, heading, list, form, new HBox(6, remove), message);
        VBox.setVgrow(list, Priority.ALWAYS);
        left.setPadding(new Insets(12));

        root.getItems().addAll(left, detailView());
        root.setDividerPositions(0.45);
        ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> refresh()));
        ticker.setCycleCount(Timeline.INDEFINITE);
    }

    private VBox detailView() {
        Label title = new Label();
        title.getStyleClass().add("title-3");
        title.textProperty().bind(detail.title());
        title.setWrapText(true);
        Label summary = label(detail.summary());
        summary.setId("node-summary");
        Label problem = label(detail.problem());
        problem.getStyleClass().add("danger");
        ScrollPane components = wrapping(detail.components());
        components.setId("node-components");
        ScrollPane plugins = wrapping(detail.plugins());
        plugins.setId("node-plugins");
        Button reload = new Button("Refresh");
        reload.setOnAction(e -> detail.reload());
        VBox box = new VBox(
                6,
                title,
                summary,
                label(detail.storage()),
                label(detail.scheduler()),
                label(detail.sync()),
                problem,
                section("Health"),
                components,
                section("Plugins"),
                plugins,
                reload);
        VBox.setVgrow(components, Priority.ALWAYS);
        VBox.setVgrow(plugins, Priority.ALWAYS);
        box.setPadding(new Insets(12));
        return box;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("title-4");
        return l;
    }

    private static Label label(javafx.beans.value.ObservableValue<String> text) {
        Label l = new Label();
        l.textProperty().bind(text);
        l.setWrapText(true);
        l.managedProperty().bind(l.textProperty().isNotEmpty());
        return l;
    }

    /**
     * Lines that wrap to the width, in a scroll pane. Labels in a box rather than a list view: a list
     * view measures wrapped cells before it knows their width and leaves blank gaps under them.
     */
    private static ScrollPane wrapping(ObservableList<String> items) {
        VBox lines = new VBox(4);
        lines.setPadding(new Insets(6, 8, 6, 8));
        Runnable fill = () ->
                lines.getChildren().setAll(items.stream().map(NodesScreen::line).toList());
        items.addListener((ListChangeListener<String>) c -> fill.run());
        fill.run();
        ScrollPane pane = new ScrollPane(lines);
        pane.setFitToWidth(true);
        pane.setPrefHeight(160);
        return pane;
    }

    private static Label line(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }

    @Override
    public String title() {
        return "Nodes";
    }

    @Override
    public Parent view() {
        return root;
    }

    @Override
    public void shown() {
        refresh();
        detail.show((NodeConnection) model.directory().selected().get());
        ticker.play();
    }

    @Override
    public void hidden() {
        ticker.pause();
    }

    private int tick;

    private void refresh() {
        selecting = true;
        try {
            model.refresh(clock.instant());
            NodeHandle sel = model.directory().selected().get();
            if (sel != null) {
                model.rows().stream()
                        .filter(r -> r.url().equals(sel.baseUri().toString()))
                        .findFirst()
                        .ifPresent(r -> list.getSelectionModel().select(r));
            }
        } finally {
            selecting = false;
        }
        if (++tick % 5 == 0) {
            detail.reload();
        }
    }

    /** A row: a coloured dot for the state, the name, and role · version · last seen · access. */
    private static final class NodeCell extends ListCell<NodeRow> {
        @Override
        protected void updateItem(NodeRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Label dot = new Label("●");
            dot.getStyleClass().addAll("state-dot", row.state().name().toLowerCase(Locale.ROOT));
            Label name = new Label(row.name());
            name.getStyleClass().add("node-name");
            Label state = new Label(row.state().name().toLowerCase(Locale.ROOT));
            state.getStyleClass().add("node-state");
            Label meta =
                    new Label(row.role() + " · v" + row.version() + " · seen " + row.lastSeen() + " · " + row.access());
            meta.getStyleClass().add("text-muted");
            Label url = new Label(row.url());
            url.getStyleClass().addAll("text-muted", "small");
            VBox text = new VBox(2, new HBox(6, name, state), meta, url);
            HBox box = new HBox(8, dot, text);
            box.setAlignment(Pos.CENTER_LEFT);
            setText(null);
            setGraphic(box);
        }
    }
}
