package io.smollama.desktop.dashboard;

import io.smollama.common.Reading;
import io.smollama.desktop.service.LatestReadings;
import io.smollama.desktop.service.SeriesKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * The dashboard's state without the toolkit: which series are charted (grouped into one chart per
 * unit), which sources are pinned as tiles, the time range, and whether the charts follow "now".
 * {@link #refresh} recomputes the source list and tiles from {@link LatestReadings}; the first time
 * sources appear and no series were chosen, every numeric source is charted and the first four are
 * pinned. FX thread only.
 */
public final class DashboardViewModel {

    static final int MAX_DEFAULT_PINS = 4;
    static final int MAX_DEFAULT_CHARTS = 3;

    private final LatestReadings readings;
    private final ObservableList<String> series = FXCollections.observableArrayList();
    private final ObservableList<String> pinned = FXCollections.observableArrayList();
    private final ObservableList<LatestReadings.Entry> sources = FXCollections.observableArrayList();
    private final ObservableList<Tile> tiles = FXCollections.observableArrayList();
    private final ObjectProperty<TimeRange> range = new SimpleObjectProperty<>(TimeRange.LIVE_5M);
    private final BooleanProperty paused = new SimpleBooleanProperty();
    private boolean defaulted;

    public DashboardViewModel(LatestReadings readings, List<String> savedSeries, List<String> savedPins, String range) {
        this.readings = readings;
        this.series.setAll(savedSeries);
        this.pinned.setAll(savedPins);
        this.defaulted = !savedSeries.isEmpty();
        this.range.set(TimeRange.parse(range));
    }

    /** Keys ({@code node|type:id}) of the charted series, in the order added. */
    public ObservableList<String> series() {
        return series;
    }

    public ObservableList<String> pinned() {
        return pinned;
    }

    /** Every numeric source of every node, sorted by node then source. */
    public ObservableList<LatestReadings.Entry> sources() {
        return sources;
    }

    public ObservableList<Tile> tiles() {
        return tiles;
    }

    public ObjectProperty<TimeRange> range() {
        return range;
    }

    /** True while the charts stay where they are instead of following "now". */
    public BooleanProperty paused() {
        return paused;
    }

    public void toggleSeries(String key) {
        if (!series.remove(key)) {
            series.add(key);
        }
    }

    public void togglePin(String key) {
        if (!pinned.remove(key)) {
            pinned.add(key);
        }
    }

    public void selectRange(TimeRange r) {
        range.set(r);
        paused.set(false);
    }

    /** Title prefix of a chart of sources without a unit (one such chart per source type). */
    static final String UNITLESS = "Values · ";

    /**
     * The charts, one per unit: unit → series keys, in first-seen order. Sources without a unit are
     * charted per source type ({@code Values · gpio}), so on/off pins and motion counts do not share
     * an axis with, say, the load average.
     */
    public Map<String, List<String>> chartsByUnit() {
        Map<String, List<String>> byUnit = new LinkedHashMap<>();
        for (String key : series) {
            LatestReadings.Entry e = readings.get(key);
            byUnit.computeIfAbsent(chartOf(key, e == null ? null : e.unit()), u -> new ArrayList<>())
                    .add(key);
        }
        return byUnit;
    }

    /** The chart a series belongs to: its unit, or for a unitless source {@code Values · <type>}. */
    static String chartOf(String key, @Nullable String unit) {
        if (unit != null && !unit.isEmpty()) {
            return unit;
        }
        String source = SeriesKey.parse(key).source();
        int colon = source.indexOf(':');
        String type = colon < 0 ? source : source.substring(0, colon);
        return UNITLESS + type.substring(type.lastIndexOf('/') + 1);
    }

    /** The axis unit of a chart from {@link #chartsByUnit}: empty for the unitless ones. */
    public static String axisUnit(String chart) {
        return chart.startsWith(UNITLESS) ? "" : chart;
    }

    /** Re-reads sources and tiles as of {@code now}. */
    public void refresh(Instant now) {
        List<LatestReadings.Entry> numeric = readings.snapshot().stream()
                .filter(e -> e.latest() != null && e.latest().isNumeric()
                        || e.info() != null
                                && "numeric".equalsIgnoreCase(e.info().kind()))
                .sorted(Comparator.comparing(LatestReadings.Entry::node).thenComparing(LatestReadings.Entry::source))
                .toList();
        if (!numeric.equals(sources)) {
            sources.setAll(numeric);
        }
        if (!defaulted && !numeric.isEmpty()) {
            defaulted = true;
            defaultSeries(numeric).forEach(series::add);
            if (pinned.isEmpty()) {
                numeric.stream().limit(MAX_DEFAULT_PINS).forEach(e -> pinned.add(e.key()));
            }
        }
        List<Tile> next = pinned.stream().map(k -> tile(k, now)).toList();
        tiles.setAll(next);
    }

    /**
     * The first layout: the sources of the units most sources share (at most three charts), so the
     * dashboard opens on a few comparable series rather than one chart per source.
     */
    static List<String> defaultSeries(List<LatestReadings.Entry> numeric) {
        Map<String, List<String>> byUnit = new LinkedHashMap<>();
        for (LatestReadings.Entry e : numeric) {
            byUnit.computeIfAbsent(chartOf(e.key(), e.unit()), u -> new ArrayList<>())
                    .add(e.key());
        }
        return byUnit.values().stream()
                .sorted(Comparator.comparingInt((List<String> l) -> -l.size()))
                .limit(MAX_DEFAULT_CHARTS)
                .flatMap(List::stream)
                .toList();
    }

    private Tile tile(String key, Instant now) {
        SeriesKey k = SeriesKey.parse(key);
        LatestReadings.Entry e = readings.get(key);
        if (e == null || e.latest() == null) {
            return new Tile(k, "—", "", new double[0], "no reading yet", Tile.Staleness.STALE);
        }
        Reading r = e.latest();
        Duration age = Duration.between(r.timestamp(), now);
        Duration interval = e.info() == null ? Duration.ofSeconds(10) : e.info().interval();
        if (interval.isZero() || interval.isNegative()) {
            interval = Duration.ofSeconds(10);
        }
        Tile.Staleness s = age.compareTo(interval.multipliedBy(10)) > 0
                ? Tile.Staleness.STALE
                : age.compareTo(interval.multipliedBy(3)) > 0 ? Tile.Staleness.LATE : Tile.Staleness.FRESH;
        String value = r.value() == null ? String.valueOf(r.text()) : format(r.value());
        return new Tile(k, value, e.unit() == null ? "" : e.unit(), e.trail(), Ages.describe(age), s);
    }

    static String format(double v) {
        double a = Math.abs(v);
        if (a >= 1000 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, a >= 10 ? "%.1f" : "%.2f", v);
    }
}
