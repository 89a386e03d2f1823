package io.smollama.desktop;

import io.smollama.desktop.chat.ChatScreen;
import io.smollama.desktop.control.ControlScreen;
import io.smollama.desktop.dashboard.DashboardScreen;
import io.smollama.desktop.dashboard.DashboardViewModel;
import io.smollama.desktop.memory.MemoryScreen;
import io.smollama.desktop.nodes.NodeDetailViewModel;
import io.smollama.desktop.nodes.NodesScreen;
import io.smollama.desktop.nodes.NodesViewModel;
import io.smollama.desktop.readings.ReadingsScreen;
import io.smollama.desktop.readings.ReadingsViewModel;
import io.smollama.desktop.service.Background;
import io.smollama.desktop.service.ConsoleLayout;
import io.smollama.desktop.service.ConsolePaths;
import io.smollama.desktop.service.LatestReadings;
import io.smollama.desktop.service.LayoutStore;
import io.smollama.desktop.service.MdnsDiscovery;
import io.smollama.desktop.service.NodeDirectory;
import io.smollama.desktop.service.NodeHandle;
import io.smollama.desktop.service.TokenStore;
import io.smollama.desktop.shots.ScreenshotTour;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import org.jspecify.annotations.Nullable;

/**
 * The console's one wiring place: reads the options and the remembered layout, builds the services
 * (tokens, node directory, live readings, background I/O), the screens and the shell, and closes
 * them in reverse order on exit.
 */
public final class ConsoleApp extends Application {

    private static final Duration HEARTBEAT = Duration.ofSeconds(2);
    private static final Logger LOG = Logger.getLogger(ConsoleApp.class.getName());

    private @Nullable Background bg;
    private @Nullable NodeDirectory directory;
    private @Nullable LayoutStore layoutStore;
    private @Nullable ConsoleLayout layout;
    private @Nullable Shell shell;
    private @Nullable DashboardScreen dashboard;
    private @Nullable Stage stage;
    private @Nullable Timeline rotation;

    @Override
    public void start(Stage stage) {
        ConsoleOptions options;
        try {
            options = ConsoleOptions.parse(getParameters().getRaw());
        } catch (IllegalArgumentException e) {
            System.err.println("smollama-console: " + e.getMessage());
            Platform.exit();
            return;
        }
        this.stage = stage;
        Clock clock = Clock.systemUTC();
        Path configDir = ConsolePaths.configDir(options.configDir());
        LayoutStore store = new LayoutStore(configDir);
        ConsoleLayout saved = store.load();
        layoutStore = store;
        layout = saved;
        Background background = new Background(Platform::runLater);
        bg = background;
        NodeDirectory nodes = new NodeDirectory(new TokenStore(configDir), clock, HEARTBEAT, Platform::runLater);
        directory = nodes;
        LatestReadings latest = new LatestReadings();
        nodes.addFeedListener(latest);
        for (String url : saved.nodes) {
            nodes.add(URI.create(url), null);
        }
        if (options.nodeGiven() || saved.nodes.isEmpty()) {
            nodes.add(options.node(), options.token());
        }
        if (options.discovery()) {
            // mDNS browsing starts off the FX thread; without it the console works with nodes added by URL
            background.run(
                    MdnsDiscovery::start,
                    nodes::attach,
                    e -> LOG.log(
                            Level.WARNING,
                            "mDNS discovery is off: {0}; add nodes by URL on the Nodes screen",
                            e.getMessage()));
        }
        if (saved.selectedNode != null) {
            nodes.nodes().stream()
                    .filter(n -> n.baseUri().toString().equals(saved.selectedNode))
                    .findFirst()
                    .ifPresent(n -> nodes.selected().set(n));
        }

        DashboardViewModel dashModel = new DashboardViewModel(
                latest, saved.series == null ? List.of() : saved.series, saved.pinned, saved.range);
        DashboardScreen dash = new DashboardScreen(dashModel, nodes, background, clock);
        dashboard = dash;
        List<Screen> screens = new ArrayList<>();
        screens.add(dash);
        screens.add(new ReadingsScreen(new ReadingsViewModel(latest), clock));
        screens.add(new MemoryScreen(nodes, background));
        screens.add(new ChatScreen(nodes, background));
        screens.add(new ControlScreen(nodes, background));
        screens.add(new NodesScreen(
                new NodesViewModel(nodes, this::saveLayout), new NodeDetailViewModel(background), clock));

        Shell frame = new Shell(screens, nodes, options.kiosk(), saved.width, saved.height);
        shell = frame;
        frame.dark().set(options.dark() || saved.dark);
        frame.show(saved.screen == null ? "Dashboard" : saved.screen);
        if (frame.current() == null) {
            frame.show(dash);
        }

        stage.setTitle("Smollama console");
        stage.setScene(frame.scene());
        if (!Double.isNaN(saved.x) && !Double.isNaN(saved.y) && !options.kiosk()) {
            stage.setX(saved.x);
            stage.setY(saved.y);
        }
        stage.setMaximized(saved.maximized && !options.kiosk());
        if (options.kiosk()) {
            kiosk(stage, frame, nodes, options.kioskSeconds());
        }
        stage.setOnCloseRequest(e -> saveLayout());
        stage.show();
        if (options.screenshots() != null) {
            List<Boolean> themes = options.kiosk() ? List.of(frame.dark().get()) : List.of(false, true);
            new ScreenshotTour(
                            new TourShell(frame, dash, latest),
                            options.screenshots(),
                            options.kiosk() ? "kiosk-" : "",
                            themes,
                            2500)
                    .start(written -> {
                        if (rotation != null) {
                            rotation.stop();
                        }
                        System.out.println("screenshots written: " + written);
                        Platform.exit();
                    });
        }
    }

    /** The dashboard, for UI tests. */
    @Nullable
    DashboardScreen dashboard() {
        return dashboard;
    }

    /** Full screen with no exit hint or key, touch-sized controls, a rotating overview. */
    private void kiosk(Stage stage, Shell frame, NodeDirectory nodes, int seconds) {
        stage.setFullScreenExitHint("");
        stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
        stage.setFullScreen(true);
        List<Screen> overview = frame.screens().stream()
                .filter(s -> List.of("Dashboard", "Readings", "Nodes").contains(s.title()))
                .toList();
        KioskRotation steps = new KioskRotation(overview.size());
        Timeline t = new Timeline(new KeyFrame(javafx.util.Duration.seconds(seconds), e -> {
            KioskRotation.Step step = steps.next(nodes.nodes().size());
            if (!nodes.nodes().isEmpty()) {
                nodes.selected().set(nodes.nodes().get(step.node()));
            }
            frame.show(overview.get(step.screen()));
        }));
        t.setCycleCount(Timeline.INDEFINITE);
        rotation = t;
        // a touch pauses the rotation for a minute, so someone using the screen is not interrupted
        Timeline resume = new Timeline(new KeyFrame(javafx.util.Duration.seconds(60), e -> t.play()));
        frame.scene().addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            t.pause();
            resume.playFromStart();
        });
        t.play();
    }

    private void saveLayout() {
        ConsoleLayout l = layout;
        if (l == null || layoutStore == null || directory == null || shell == null || dashboard == null) {
            return;
        }
        Stage s = stage;
        if (s != null && !s.isFullScreen()) {
            l.maximized = s.isMaximized();
            if (!s.isMaximized() && s.getWidth() > 0) {
                l.x = s.getX();
                l.y = s.getY();
                l.width = s.getWidth();
                l.height = s.getHeight();
            }
        }
        Screen current = shell.current();
        l.screen = current == null ? null : current.title();
        NodeHandle sel = directory.selected().get();
        l.selectedNode = sel == null ? null : sel.baseUri().toString();
        l.dark = shell.dark().get();
        l.nodes = new ArrayList<>(directory.addedUrls());
        l.series = new ArrayList<>(dashboard.model().series());
        l.pinned = new ArrayList<>(dashboard.model().pinned());
        l.range = dashboard.model().range().get().name();
        layoutStore.save(l);
    }

    @Override
    public void stop() {
        saveLayout();
        Screen current = shell == null ? null : shell.current();
        if (current != null) {
            current.hidden(); // stops its timers
        }
        if (rotation != null) {
            rotation.stop();
        }
        if (directory != null) {
            directory.close();
        }
        if (bg != null) {
            bg.close();
        }
    }

    /** What the screenshot tour needs from the shell. */
    private record TourShell(Shell frame, DashboardScreen dash, LatestReadings latest) implements ScreenshotTour.Shell {
        @Override
        public Scene scene() {
            return frame.scene();
        }

        @Override
        public List<String> screens() {
            return frame.screens().stream().map(Screen::title).toList();
        }

        @Override
        public void show(String screen) {
            frame.show(screen);
        }

        @Override
        public void dark(boolean dark) {
            frame.dark().set(dark);
        }

        @Override
        public boolean hasData() {
            return !latest.keys().isEmpty() && dash.model().series().stream().anyMatch(k -> dash.points(k) > 5);
        }
    }
}
