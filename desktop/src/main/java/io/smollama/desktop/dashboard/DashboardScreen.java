package io.smollama.desktop.dashboard;

import io.smollama.common.History;
import io.smollama.common.HistoryPoint;
import io.smollama.common.NodeApiException;
import io.smollama.common.Reading;
import io.smollama.desktop.Screen;
import io.smollama.desktop.charts.TimeSeriesChart;
import io.smollama.desktop.service.Background;
import io.smollama.desktop.service.LatestReadings;
import io.smollama.desktop.service.NodeDirectory;
import io.smollama.desktop.service.NodeFeedListener;
import io.smollama.desktop.service.NodeHandle;
import io.smollama.desktop.service.SeriesKey;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Live charts (one per unit, every series on the same time axis) and tiles for pinned sources.
 * Points from the nodes' WebSockets go straight into the charts' data sets on the I/O threads;
 * history is back-filled (downsampled to the plot's width) when a series appears, the range changes,
 * the operator zooms or pans, or a node's feed reopens.
 */
public final class DashboardScreen implements Screen {

    private static final Logger LOG = Logger.getLogger(DashboardScreen.class.getName());

    private final DashboardViewModel model;
    private final NodeDirectory nodes;
    private final Background bg;
    private final Clock clock;
    private final Map<String, TimeSeriesChart> charts = new LinkedHashMap<>();
    private final Map<String, TimeSeriesChart> chartOfSeries = new ConcurrentHashMap<>();
    private final VBox chartBox = new VBox(8);
    private final FlowPane tileBox = new FlowPane(8, 8);
    private final Label hint = new Label();
    private final BorderPane root = new BorderPane();
    private final Timeline ticker;
    private final PauseTransition userRangeSettle = new PauseTransition(Duration.millis(400));
    private boolean zooming;
    private double userFrom;
    private double userTo;

    public DashboardScreen(DashboardViewModel model, NodeDirectory nodes, Background bg, Clock clock) {
        this.model = model;
        this.nodes = nodes;
        this.bg = bg;
        this.clock = clock;
        root.setTop(toolbar());
        hint.getStyleClass().add("text-muted");
        hint.setWrapText(true);
        tileBox.getStyleClass().add("tiles");
        chartBox.setFillWidth(true);
        VBox content = new VBox(12, tileBox, hint, chartBox);
        content.setPadding(new Insets(12));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        root.setCenter(scroll);
        root.getStyleClass().add("dashboard");

        nodes.addFeedListener(new NodeFeedListener() {
            @Override
            public void reading(NodeHandle node, Reading r) {
                TimeSeriesChart c = chartOfSeries.get(SeriesKey.of(r.node(), r.source()));
                if (c != null && r.value() != null) {
                    c.append(SeriesKey.of(r.node(), r.source()), r.timestamp().toEpochMilli() / 1000.0, r.value());
                }
            }

            @Override
            public void resumed(NodeHandle node) {
                bg.onUi(() -> chartOfSeries.keySet().stream()
                        .filter(k -> SeriesKey.parse(k).node().equals(node.name()))
                        .forEach(k -> backfill(k, windowFrom(), windowTo())));
            }
        });
        model.series().addListener((ListChangeListener<String>) c -> rebuildCharts());
        model.range().addListener((o, a, b) -> {
            followNow();
            chartOfSeries.keySet().forEach(k -> backfill(k, windowFrom(), windowTo()));
        });
        model.pinned().addListener((ListChangeListener<String>) c -> model.refresh(clock.instant()));
        model.tiles().addListener((ListChangeListener<Tile>) c -> showTiles());
        model.paused().addListener((o, was, now) -> {
            if (now && !zooming) {
                userTo = clock.millis() / 1000.0;
                userFrom = userTo - model.range().get().span().toSeconds();
            }
        });
        userRangeSettle.setOnFinished(e -> chartOfSeries.keySet().forEach(k -> backfill(k, userFrom, userTo)));
        ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> tick()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        rebuildCharts();
    }

    public DashboardViewModel model() {
        return model;
    }

    @Override
    public String title() {
        return "Dashboard";
    }

    @Override
    public Parent view() {
        return root;
    }

    @Override
    public void shown() {
        tick();
        ticker.play();
    }

    @Override
    public void hidden() {
        ticker.pause();
    }

    /** The number of points the chart of a series holds (for tests and the screenshot tour). */
    public int points(String seriesKey) {
        TimeSeriesChart c = chartOfSeries.get(seriesKey);
        return c == null ? 0 : c.points(seriesKey);
    }

    private Region toolbar() {
        HBox bar = new HBox(6);
        bar.getStyleClass().add("toolbar");
        bar.setPadding(new Insets(8, 12, 8, 12));
        ToggleGroup group = new ToggleGroup();
        for (TimeRange r : TimeRange.values()) {
            ToggleButton b = new ToggleButton(r.label());
            b.setToggleGroup(group);
            b.setUserData(r);
            b.setSelected(model.range().get() == r);
            b.setOnAction(e -> {
                model.selectRange(r);
                b.setSelected(true);
            });
            model.range().addListener((o, a, now) -> b.setSelected(now == r));
            bar.getChildren().add(b);
        }
        ToggleButton pause = new ToggleButton("Pause");
        pause.setId("pause");
        pause.selectedProperty().bindBidirectional(model.paused());
        pause.textProperty().bind(model.paused().map(p -> p ? "Resume" : "Pause"));
        MenuButton seriesMenu = new MenuButton("Series");
        seriesMenu.setOnShowing(e -> fill(seriesMenu, model.series(), model::toggleSeries));
        MenuButton pinMenu = new MenuButton("Pin");
        pinMenu.setOnShowing(e -> fill(pinMenu, model.pinned(), model::togglePin));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        bar.getChildren().addAll(grow, pause, seriesMenu, pinMenu);
        return bar;
    }

    private void fill(MenuButton menu, List<String> chosen, java.util.function.Consumer<String> toggle) {
        menu.getItems().clear();
        for (LatestReadings.Entry e : model.sources()) {
            CheckMenuItem item =
                    new CheckMenuItem(e.node() + " · " + e.source() + (e.unit() == null ? "" : " (" + e.unit() + ")"));
            item.setSelected(chosen.contains(e.key()));
            item.setOnAction(a -> toggle.accept(e.key()));
            menu.getItems().add(item);
        }
        if (menu.getItems().isEmpty()) {
            CheckMenuItem none = new CheckMenuItem("no numeric sources yet");
            none.setDisable(true);
            menu.getItems().add(none);
        }
    }

    private void tick() {
        model.refresh(clock.instant());
        if (!model.paused().get()) {
            followNow();
        }
        rebuildChartsIfUnitsChanged();
        hint.setText(
                model.series().isEmpty()
                        ? "No series yet: add a node on the Nodes screen (Ctrl+6), then pick sources under Series."
                        : "");
        hint.setManaged(!hint.getText().isEmpty());
    }

    private void followNow() {
        double to = clock.millis() / 1000.0;
        double from = to - model.range().get().span().toSeconds();
        charts.values().forEach(c -> c.setWindow(from, to));
    }

    private double windowTo() {
        return model.paused().get() ? userTo : clock.millis() / 1000.0;
    }

    private double windowFrom() {
        return model.paused().get()
                ? userFrom
                : windowTo() - model.range().get().span().toSeconds();
    }

    private Map<String, List<String>> lastLayout = Map.of();

    private void rebuildChartsIfUnitsChanged() {
        if (!model.chartsByUnit().equals(lastLayout)) {
            rebuildCharts();
        }
    }

    private void rebuildCharts() {
        Map<String, List<String>> layout = model.chartsByUnit();
        lastLayout = layout;
        for (var it = charts.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!layout.containsKey(e.getKey())) {
                e.getValue().seriesKeys().forEach(chartOfSeries::remove);
                it.remove();
            }
        }
        for (var e : layout.entrySet()) {
            TimeSeriesChart chart = charts.computeIfAbsent(e.getKey(), this::newChart);
            for (String gone : chart.seriesKeys()) {
                if (!e.getValue().contains(gone)) {
                    chart.removeSeries(gone);
                    chartOfSeries.remove(gone);
                }
            }
            for (String key : e.getValue()) {
                if (!chart.seriesKeys().contains(key)) {
                    chart.addSeries(key, SeriesKey.parse(key).label());
                    chartOfSeries.put(key, chart);
                    backfill(key, windowFrom(), windowTo());
                }
            }
        }
        chartBox.getChildren()
                .setAll(charts.values().stream().map(TimeSeriesChart::view).toList());
        charts.values().forEach(c -> {
            c.view().setMinHeight(240);
            c.view().setPrefHeight(charts.size() <= 2 ? 320 : 260);
        });
        if (!model.paused().get()) {
            followNow();
        }
    }

    private TimeSeriesChart newChart(String chart) {
        TimeSeriesChart c = new TimeSeriesChart(chart, DashboardViewModel.axisUnit(chart));
        c.onUserRange((from, to) -> {
            if (from >= to) {
                return;
            }
            userFrom = from;
            userTo = to;
            zooming = true;
            model.paused().set(true);
            zooming = false;
            charts.values().stream().filter(o -> o != c).forEach(o -> o.setWindow(from, to));
            userRangeSettle.playFromStart();
        });
        return c;
    }

    /** Fetches a series' history for a window (downsampled to the plot width) into its chart, off the FX thread. */
    private void backfill(String key, double fromSeconds, double toSeconds) {
        TimeSeriesChart chart = chartOfSeries.get(key);
        SeriesKey k = SeriesKey.parse(key);
        var node = nodes.byName(k.node());
        if (chart == null || node.isEmpty()) {
            return;
        }
        int maxPoints = chart.plotWidth();
        Instant from = Instant.ofEpochMilli((long) (fromSeconds * 1000));
        Instant to = Instant.ofEpochMilli((long) (toSeconds * 1000));
        var client = node.get().client();
        bg.execute(() -> {
            try {
                History h = client.history(k.source(), from, to, maxPoints);
                List<HistoryPoint> points = h.points();
                double[] t = new double[points.size()];
                double[] v = new double[points.size()];
                for (int i = 0; i < t.length; i++) {
                    t[i] = points.get(i).timestamp().toEpochMilli() / 1000.0;
                    v[i] = points.get(i).avg();
                }
                chart.replace(key, t, v);
            } catch (NodeApiException e) {
                LOG.log(Level.FINE, "no history for {0}: {1}", new Object[] {key, e.getMessage()});
            }
        });
    }

    private void showTiles() {
        var tiles = model.tiles();
        while (tileBox.getChildren().size() > tiles.size()) {
            tileBox.getChildren().removeLast();
        }
        while (tileBox.getChildren().size() < tiles.size()) {
            tileBox.getChildren().add(new TileView());
        }
        for (int i = 0; i < tiles.size(); i++) {
            ((TileView) tileBox.getChildren().get(i)).show(tiles.get(i));
        }
    }
}
