package io.smollama.desktop.chat;

import io.smollama.common.ChatSession;
import io.smollama.desktop.service.NodeHandle;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.jspecify.annotations.Nullable;

/** The Chat screen's controls, bound to a {@link ChatViewModel}. Built once, on the FX thread. */
final class ChatView extends BorderPane {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("MMM d, HH:mm", Locale.ROOT).withZone(ZoneId.systemDefault());

    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");

    private final ChatViewModel model;
    private final VBox conversation = new VBox(10);
    private final Map<ChatItem, Node> rendered = new IdentityHashMap<>();

    ChatView(ChatViewModel model) {
        this.model = model;
        getStyleClass().add("chat-screen");
        getStylesheets()
                .add(Objects.requireNonNull(ChatView.class.getResource("chat.css"))
                        .toExternalForm());
        setLeft(sessionsPane());
        setCenter(conversationPane());
    }

    private VBox sessionsPane() {
        Button fresh = new Button("New chat");
        fresh.setId("chat-new");
        fresh.setMaxWidth(Double.MAX_VALUE);
        fresh.setOnAction(e -> model.newSession());
        ListView<ChatSession> list = new ListView<>(model.sessions());
        list.setId("chat-sessions");
        list.setPlaceholder(new Label("No sessions yet"));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ChatSession s, boolean empty) {
                super.updateItem(s, empty);
                if (empty || s == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                Label title = new Label(s.title());
                title.getStyleClass().add("session-title");
                Label meta = new Label(WHEN.format(s.updatedAt()) + " · " + s.messageCount()
                        + (s.messageCount() == 1 ? " message" : " messages"));
                meta.getStyleClass().add("session-meta");
                setText(null);
                VBox box = new VBox(2, title, meta);
                box.setPrefWidth(1); // take the cell's width, so long titles end in an ellipsis
                setGraphic(box);
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, s) -> {
            if (s != null && !s.id().equals(model.sessionIdProperty().get())) {
                model.resume(s);
            }
        });
        model.sessionIdProperty().addListener((o, a, id) -> {
            if (id.isEmpty()) list.getSelectionModel().clearSelection();
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        VBox pane = new VBox(8, fresh, list);
        pane.getStyleClass().add("chat-sessions");
        return pane;
    }

    private BorderPane conversationPane() {
        ChoiceBox<NodeHandle> node = new ChoiceBox<>(model.nodeChoices());
        node.setId("chat-node");
        node.setConverter(new StringConverter<>() {
            @Override
            public String toString(@Nullable NodeHandle n) {
                return n == null ? "Choose a node" : n.name();
            }

            @Override
            public @Nullable NodeHandle fromString(String s) {
                return null;
            }
        });
        node.valueProperty().bindBidirectional(model.nodeProperty());
        Label heading = new Label("Ask");
        heading.getStyleClass().add("chat-heading");
        HBox top = new HBox(8, heading, node);
        top.setAlignment(Pos.CENTER_LEFT);

        Label llm = new Label();
        llm.setId("chat-llm-problem");
        llm.getStyleClass().add("chat-llm-problem");
        llm.setWrapText(true);
        llm.textProperty().bind(model.llmProblemProperty());
        llm.visibleProperty().bind(model.llmProblemProperty().isNotEmpty());
        llm.managedProperty().bind(llm.visibleProperty());
        llm.setMaxWidth(Double.MAX_VALUE);
        Label status = new Label();
        status.getStyleClass().add("chat-status");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        status.visibleProperty().bind(model.statusProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());

        conversation.getStyleClass().add("chat-conversation");
        ScrollPane scroll = new ScrollPane(conversation);
        scroll.setId("chat-scroll");
        scroll.setFitToWidth(true);
        // follow the answer as it grows
        conversation.heightProperty().addListener((o, a, b) -> scroll.setVvalue(1.0));
        model.items().addListener((ListChangeListener<ChatItem>) c -> render());
        render();
        Label empty = new Label("Ask about this node's sensors, memories or actuators.");
        empty.getStyleClass().add("chat-empty");
        empty.visibleProperty().bind(Bindings.isEmpty(model.items()));
        empty.managedProperty().bind(empty.visibleProperty());

        TextArea input = new TextArea();
        input.setId("chat-input");
        input.setPromptText("Ask a question");
        input.setWrapText(true);
        input.setPrefRowCount(2);
        input.textProperty().bindBidirectional(model.inputProperty());
        input.disableProperty().bind(model.canTypeBinding().not());
        input.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                e.consume();
                if (e.isShiftDown()) {
                    input.replaceSelection("\n");
                } else {
                    model.send();
                }
            }
        });
        HBox.setHgrow(input, Priority.ALWAYS);
        Button send = new Button("Send");
        send.setId("chat-send");
        send.getStyleClass().add("accent");
        send.disableProperty().bind(model.canSendBinding().not());
        send.setOnAction(e -> model.send());
        send.setMinWidth(Region.USE_PREF_SIZE);
        HBox inputRow = new HBox(8, input, send);
        inputRow.setAlignment(Pos.BOTTOM_RIGHT);
        Label hint = new Label();
        hint.setId("chat-hint");
        hint.getStyleClass().add("chat-hint");
        hint.textProperty().bind(model.hintProperty());
        VBox bottom = new VBox(4, inputRow, hint);
        bottom.getStyleClass().add("chat-input-area");

        BorderPane pane = new BorderPane(new VBox(empty, scroll));
        VBox.setVgrow(scroll, Priority.ALWAYS);
        pane.setTop(new VBox(8, top, llm, status));
        pane.setBottom(bottom);
        pane.getStyleClass().add("chat-main");
        return pane;
    }

    private void render() {
        rendered.keySet().retainAll(List.copyOf(model.items())); // items compare by identity
        conversation
                .getChildren()
                .setAll(model.items().stream()
                        .map(item -> rendered.computeIfAbsent(item, this::draw))
                        .toList());
    }

    private Node draw(ChatItem item) {
        return switch (item.kind()) {
            case USER -> bubble(item, "user");
            case ASSISTANT -> bubble(item, "assistant");
            case NOTICE -> {
                Label l = new Label();
                l.textProperty().bind(item.textProperty());
                l.setWrapText(true);
                l.getStyleClass().addAll("chat-notice", item.failedProperty().get() ? "failed" : "queued");
                yield l;
            }
            case TOOL -> tool(item);
        };
    }

    private static Node bubble(ChatItem item, String who) {
        Label text = new Label();
        text.setWrapText(true);
        text.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> item.text().isEmpty() && item.runningProperty().get() ? "…" : item.text(),
                        item.textProperty(),
                        item.runningProperty()));
        text.getStyleClass().addAll("chat-bubble", who);
        text.setMaxWidth(640);
        HBox row = new HBox(text);
        row.setAlignment(who.equals("user") ? Pos.CENTER_RIGHT : Pos.CENTER_LEFT);
        row.getStyleClass().add("chat-row");
        return row;
    }

    private static Node tool(ChatItem item) {
        Label args = new Label("arguments: " + (item.arguments() == null ? "{}" : item.arguments()));
        args.setWrapText(true);
        args.getStyleClass().add("tool-arguments");
        Label result = new Label();
        result.setWrapText(true);
        result.getStyleClass().add("tool-result");
        result.textProperty().bind(item.resultProperty());
        TitledPane pane = new TitledPane();
        pane.setContent(new VBox(4, args, result));
        pane.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> "Tool " + item.tool() + " — "
                                + (item.runningProperty().get()
                                        ? "running…"
                                        : item.failedProperty().get() ? "failed" : "returned"),
                        item.runningProperty(),
                        item.failedProperty()));
        pane.expandedProperty().bindBidirectional(item.expandedProperty());
        pane.getStyleClass().add("chat-tool");
        item.failedProperty().addListener((o, a, f) -> pane.pseudoClassStateChanged(FAILED, f));
        pane.pseudoClassStateChanged(FAILED, item.failedProperty().get());
        pane.setMaxWidth(640);
        return pane;
    }
}
