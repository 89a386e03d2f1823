package io.smollama.desktop.charts;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.AxisMode;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.Zoomer;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.spi.DoubleDataSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import javafx.scene.layout.Region;

/**
 * One chart of several time series that share a unit: x is UTC time (epoch seconds, shown as time),
 * y carries the unit. Data is written from any thread under each data set's write lock
 * ({@link #append}, {@link #replace}); the chart redraws on the next FX pulse. The x range is set by
 * the owner ({@link #setWindow}); when the operator zooms or pans, {@code onUserRange} hears the new
 * range so other charts can follow.
 */
public final class TimeSeriesChart {

    /** Live points kept per series beyond which the oldest are dropped (history is re-read on demand). */
    static final int MAX_LIVE_POINTS = 200_000;

    private static final String STYLESHEET = Objects.requireNonNull(TimeSeriesChart.class.getResource("charts.css"))
            .toExternalForm();

    private final XYChart chart;
    private final DefaultNumericAxis xAxis = new DefaultNumericAxis("time");
    private final DefaultNumericAxis yAxis;
    private final ErrorDataSetRenderer renderer = new ErrorDataSetRenderer();
    private final Map<String, DoubleDataSet> series = new ConcurrentHashMap<>();
    private boolean settingWindow;

    public TimeSeriesChart(String title, String unit) {
        yAxis = new DefaultNumericAxis(title);
        yAxis.setUnit(unit.isBlank() ? null : unit);
        xAxis.setUnit(null);
        xAxis.setTimeAxis(true);
        xAxis.setAutoRanging(false);
        xAxis.setAnimated(false);
        yAxis.setAutoRanging(true);
        yAxis.setAnimated(false);
        yAxis.setAutoUnitScaling(false);
        chart = new XYChart(xAxis, yAxis);
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setLegendVisible(true);
        chart.getStyleClass().add("smollama-chart");
        chart.getStylesheets().add(STYLESHEET);
        renderer.setErrorStyle(ErrorStyle.NONE);
        renderer.setDrawMarker(false);
        renderer.setPolyLineStyle(LineStyle.NORMAL);
        chart.getRenderers().setAll(renderer);
        Zoomer zoomer = new Zoomer(AxisMode.X);
        zoomer.setSliderVisible(false);
        zoomer.setPannerEnabled(true);
        Zoomer.setOmitZoom(yAxis, true);
        chart.getPlugins().add(zoomer);
        chart.setMinSize(200, 160);
    }

    /** The chart's node, for a view to place. */
    public Region view() {
        return chart;
    }

    /** Called with the new x range (epoch seconds) whenever the operator zooms or pans. */
    public void onUserRange(BiConsumer<Double, Double> listener) {
        Runnable fire = () -> {
            if (!settingWindow) {
                listener.accept(xAxis.getMin(), xAxis.getMax());
            }
        };
        xAxis.minProperty().addListener((o, a, b) -> fire.run());
        xAxis.maxProperty().addListener((o, a, b) -> fire.run());
    }

    /** Shows x from {@code fromSeconds} to {@code toSeconds} (epoch seconds). FX thread. */
    public void setWindow(double fromSeconds, double toSeconds) {
        settingWindow = true;
        try {
            xAxis.set(fromSeconds, toSeconds);
        } finally {
            settingWindow = false;
        }
    }

    /** The plot's width in pixels: the number of points worth fetching per series. */
    public int plotWidth() {
        double w = chart.getWidth() > 0 ? chart.getWidth() - 80 : 800;
        return (int) Math.max(100, Math.min(4000, w));
    }

    /** Adds a series (no-op when present). FX thread. */
    public void addSeries(String key, String label) {
        series.computeIfAbsent(key, k -> {
            DoubleDataSet ds = new DoubleDataSet(label, 1024);
            renderer.getDatasets().add(ds);
            return ds;
        });
    }

    /** Removes a series. FX thread. */
    public void removeSeries(String key) {
        DoubleDataSet ds = series.remove(key);
        if (ds != null) {
            renderer.getDatasets().remove(ds);
        }
    }

    public Set<String> seriesKeys() {
        return Set.copyOf(series.keySet());
    }

    /** The number of points a series holds now (0 when absent). Any thread. */
    public int points(String key) {
        DoubleDataSet ds = series.get(key);
        return ds == null ? 0 : ds.lock().readLockGuard(ds::getDataCount);
    }

    /** Appends one point (epoch seconds, value); points older than the last are ignored. Any thread. */
    public void append(String key, double tSeconds, double value) {
        DoubleDataSet ds = series.get(key);
        if (ds == null) {
            return;
        }
        ds.lock().writeLockGuard(() -> {
            int n = ds.getDataCount();
            if (n > 0 && ds.get(DoubleDataSet.DIM_X, n - 1) >= tSeconds) {
                return;
            }
            if (n >= MAX_LIVE_POINTS) {
                ds.remove(0, n - MAX_LIVE_POINTS + 1);
            }
            ds.add(tSeconds, value);
        });
    }

    /**
     * Replaces a series' points with a back-filled history, keeping live points newer than its last
     * point. Any thread.
     */
    public void replace(String key, double[] tSeconds, double[] values) {
        DoubleDataSet ds = series.get(key);
        if (ds == null) {
            return;
        }
        ds.lock().writeLockGuard(() -> {
            double last = tSeconds.length == 0 ? Double.NEGATIVE_INFINITY : tSeconds[tSeconds.length - 1];
            int n = ds.getDataCount();
            int keepFrom = n;
            while (keepFrom > 0 && ds.get(DoubleDataSet.DIM_X, keepFrom - 1) > last) {
                keepFrom--;
            }
            double[] keptX = new double[n - keepFrom];
            double[] keptY = new double[n - keepFrom];
            for (int i = keepFrom; i < n; i++) {
                keptX[i - keepFrom] = ds.get(DoubleDataSet.DIM_X, i);
                keptY[i - keepFrom] = ds.get(DoubleDataSet.DIM_Y, i);
            }
            ds.set(tSeconds, values, true);
            if (keptX.length > 0) {
                ds.add(keptX, keptY);
            }
        });
    }
}
