package io.smollama.desktop;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.smollama.common.NodeClient;
import java.time.Duration;
import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The console's application shell: connects to one node-agent and shows its health. The full
 * console (discovery, charts, memory, chat, control, kiosk) grows on this shell.
 */
public final class ConsoleApp extends Application {

    private NodePoller poller;

    @Override
    public void start(Stage stage) {
        ConsoleOptions options;
        try {
            options = ConsoleOptions.parse(getParameters().getRaw());
        } catch (IllegalArgumentException e) {
            System.err.println("smollama-console: " + e.getMessage());
            javafx.application.Platform.exit();
            return;
        }
        Application.setUserAgentStylesheet(
                options.dark()
                        ? new PrimerDark().getUserAgentStylesheet()
                        : new PrimerLight().getUserAgentStylesheet());

        NodeStatusViewModel model = new NodeStatusViewModel();
        Label heading = new Label("Smollama");
        heading.getStyleClass().add("title-2");
        Label node = new Label();
        node.textProperty().bind(model.titleProperty());
        Label state = new Label();
        state.textProperty().bind(model.stateProperty().map(s -> "● " + s));
        model.stateProperty().addListener((obs, old, s) -> state.getStyleClass()
                .setAll(
                        "label",
                        switch (s) {
                            case "ok" -> "success";
                            case "degraded" -> "warning";
                            default -> "danger";
                        }));
        Label detail = new Label();
        detail.textProperty().bind(model.detailProperty());
        detail.setWrapText(true);
        ListView<String> components = new ListView<>(model.components());
        // long reasons (a failed plugin's message) wrap instead of hiding behind a scrollbar
        components.setCellFactory(list -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setWrapText(true);
                prefWidthProperty().bind(list.widthProperty().subtract(24));
            }
        });

        VBox header = new VBox(4, heading, new Label(options.node().toString()), node, state, detail);
        header.setPadding(new Insets(12));
        BorderPane root = new BorderPane(components);
        root.setTop(header);
        BorderPane.setMargin(components, new Insets(0, 12, 12, 12));

        poller = new NodePoller(new NodeClient(options.node(), options.token(), Duration.ofSeconds(3)), model);
        poller.start();

        stage.setTitle("Smollama console");
        stage.setScene(new Scene(root, 720, 480));
        stage.show();
    }

    @Override
    public void stop() {
        if (poller != null) {
            poller.close();
        }
    }
}
