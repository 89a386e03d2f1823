package io.smollama.desktop;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.smollama.desktop.service.ConsoleNodes;
import io.smollama.desktop.service.NodeConnection;
import io.smollama.desktop.service.NodeHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.application.Application;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.jspecify.annotations.Nullable;

/**
 * The console's frame: a sidebar with one entry per {@link Screen}, the current screen, and a status
 * bar (selected node, its state and what is wrong, the hub, read-only hint). Owns the shortcuts
 * (Ctrl+1…6 screens, Ctrl+F search, Ctrl+T theme, F11 full screen), the light/dark theme and the
 * {@code kiosk} style class on the scene root.
 */
final class Shell {

    private static final String STYLESHEET =
            Objects.requireNonNull(Shell.class.getResource("console.css")).toExternalForm();

    private final List<Screen> screens;
    private final ConsoleNodes nodes;
    private final BorderPane root = new BorderPane();
    private final StackPane content = new StackPane();
    private final ToggleGroup nav = new ToggleGroup();
    private final List<ToggleButton> buttons = new ArrayList<>();
    private final BooleanProperty dark = new SimpleBooleanProperty();
    private final Label status = new Label();
    private final Label statusDetail = new Label();
    private final Scene scene;
    private @Nullable Screen current;
    private @Nullable NodeHandle watched;
    private final ChangeListener<Object> statusListener = (o, a, b) -> updateStatus();

    Shell(List<Screen> screens, ConsoleNodes nodes, boolean kiosk, double width, double height) {
        this.screens = List.copyOf(screens);
        this.nodes = nodes;
        VBox sidebar = new VBox(4);
        sidebar.getStyleClass().add("sidebar");
        Label brand = new Label("Smollama");
        brand.getStyleClass().addAll("title-3", "brand");
        sidebar.getChildren().add(brand);
        for (int i = 0; i < screens.size(); i++) {
            Screen s = screens.get(i);
            ToggleButton b = new ToggleButton(s.title());
            b.setId("nav-" + s.title().toLowerCase(Locale.ROOT));
            b.getStyleClass().add("nav-button");
            b.setMaxWidth(Double.MAX_VALUE);
            b.setToggleGroup(nav);
            b.setOnAction(e -> show(s));
            if (i < 9) {
                b.setTooltip(new javafx.scene.control.Tooltip("Ctrl+" + (i + 1)));
            }
            buttons.add(b);
            sidebar.getChildren().add(b);
        }
        Region grow = new Region();
        VBox.setVgrow(grow, Priority.ALWAYS);
        Label keys = new Label("Ctrl+T theme · F11 full screen");
        keys.getStyleClass().addAll("text-muted", "small", "keys-hint");
        keys.setWrapText(true);
        sidebar.getChildren().addAll(grow, keys);
        sidebar.setPadding(new Insets(12, 8, 12, 8));
        sidebar.setPrefWidth(160);

        status.setId("status-node");
        statusDetail.getStyleClass().add("text-muted");
        HBox.setHgrow(statusDetail, Priority.ALWAYS);
        statusDetail.setMaxWidth(Double.MAX_VALUE);
        HBox bar = new HBox(12, status, statusDetail);
        bar.getStyleClass().add("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 12, 4, 12));

        root.setLeft(sidebar);
        root.setCenter(content);
        root.setBottom(bar);
        root.getStyleClass().add("console");
        if (kiosk) {
            root.getStyleClass().add("kiosk");
        }
        scene = new Scene(root, width, height);
        scene.getStylesheets().add(STYLESHEET);
        shortcuts();
        dark.addListener((o, a, d) -> applyTheme(d));
        applyTheme(false);
        nodes.selected().addListener((o, a, n) -> watch(n));
        nodes.hub().addListener(statusListener);
        watch(nodes.selected().getValue());
    }

    Scene scene() {
        return scene;
    }

    BooleanProperty dark() {
        return dark;
    }

    List<Screen> screens() {
        return screens;
    }

    @Nullable
    Screen current() {
        return current;
    }

    void show(Screen s) {
        if (current == s) {
            buttons.get(screens.indexOf(s)).setSelected(true);
            return;
        }
        if (current != null) {
            current.hidden();
        }
        current = s;
        content.getChildren().setAll(s.view());
        buttons.get(screens.indexOf(s)).setSelected(true);
        s.shown();
    }

    void show(String title) {
        screens.stream().filter(s -> s.title().equals(title)).findFirst().ifPresent(this::show);
    }

    private void shortcuts() {
        KeyCode[] digits = {
            KeyCode.DIGIT1,
            KeyCode.DIGIT2,
            KeyCode.DIGIT3,
            KeyCode.DIGIT4,
            KeyCode.DIGIT5,
            KeyCode.DIGIT6,
            KeyCode.DIGIT7,
            KeyCode.DIGIT8,
            KeyCode.DIGIT9
        };
        for (int i = 0; i < Math.min(digits.length, screens.size()); i++) {
            Screen s = screens.get(i);
            scene.getAccelerators().put(new KeyCodeCombination(digits[i], KeyCombination.SHORTCUT_DOWN), () -> show(s));
        }
        scene.getAccelerators()
                .put(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN), () -> dark.set(!dark.get()));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), this::focusSearch);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F11), () -> {
            if (scene.getWindow() instanceof Stage stage) {
                stage.setFullScreen(!stage.isFullScreen());
            }
        });
    }

    /** Focuses the current screen's search field (a node with id {@code search}), when it has one. */
    private void focusSearch() {
        if (current != null) {
            Node search = current.view().lookup("#search");
            if (search != null) {
                search.requestFocus();
            }
        }
    }

    private void applyTheme(boolean isDark) {
        Application.setUserAgentStylesheet(
                isDark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        root.getStyleClass().removeAll("dark", "light");
        root.getStyleClass().add(isDark ? "dark" : "light");
    }

    private void watch(@Nullable NodeHandle n) {
        if (watched != null) {
            watched.state().removeListener(statusListener);
            if (watched instanceof NodeConnection c) {
                c.detail().removeListener(statusListener);
                c.nameProperty().removeListener(statusListener);
            }
        }
        watched = n;
        if (n != null) {
            n.state().addListener(statusListener);
            if (n instanceof NodeConnection c) {
                c.detail().addListener(statusListener);
                c.nameProperty().addListener(statusListener);
            }
        }
        updateStatus();
    }

    private void updateStatus() {
        NodeHandle n = watched;
        status.getStyleClass().removeAll("online", "stale", "offline");
        if (n == null) {
            status.setText("No node selected");
            statusDetail.setText("Add a node on the Nodes screen.");
            return;
        }
        String state = n.state().getValue().name().toLowerCase(Locale.ROOT);
        status.getStyleClass().add(state);
        status.setText("● " + n.name() + " · " + state);
        List<String> parts = new ArrayList<>();
        if (n instanceof NodeConnection c && !c.detail().get().isEmpty()) {
            parts.add(c.detail().get());
        }
        NodeHandle hub = nodes.hub().getValue();
        parts.add(hub == null ? "no hub" : "hub " + hub.name());
        if (!n.canWrite()) {
            parts.add("read-only (no API token for this node)");
        }
        statusDetail.setText(String.join(" · ", parts));
    }
}
