package io.smollama.desktop.readings;

import io.smollama.common.Reading;
import io.smollama.desktop.dashboard.Ages;
import io.smollama.desktop.service.LatestReadings;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The readings table's state: a row per source per node from {@link LatestReadings}, refreshed by
 * {@link #refresh} (every second on screen, so ages move), narrowed by a word filter. FX thread only.
 */
public final class ReadingsViewModel {

    private final LatestReadings readings;
    private final ObservableList<ReadingRow> all = FXCollections.observableArrayList();
    private final FilteredList<ReadingRow> shown = new FilteredList<>(all, r -> true);
    private final StringProperty filter = new SimpleStringProperty("");

    public ReadingsViewModel(LatestReadings readings) {
        this.readings = readings;
        filter.addListener((o, a, f) -> shown.setPredicate(r -> f == null || f.isBlank() || r.matches(f)));
    }

    public StringProperty filter() {
        return filter;
    }

    /** The rows the filter lets through, in node then source order (the table may sort them further). */
    public ObservableList<ReadingRow> rows() {
        return shown;
    }

    public void refresh(Instant now) {
        List<ReadingRow> rows = readings.snapshot().stream()
                .map(e -> row(e, now))
                .sorted(Comparator.comparing(ReadingRow::node).thenComparing(ReadingRow::source))
                .toList();
        all.setAll(rows);
    }

    private static ReadingRow row(LatestReadings.Entry e, Instant now) {
        Reading r = e.latest();
        String type = e.source().substring(0, Math.max(0, e.source().indexOf(':')));
        String unit = e.unit() == null ? "" : e.unit();
        if (r == null) {
            return new ReadingRow(e.node(), e.source(), type, "—", unit, -1, "no reading yet");
        }
        Duration age = Duration.between(r.timestamp(), now);
        String value = r.value() == null
                ? String.valueOf(r.text())
                : String.format(Locale.ROOT, Math.abs(r.value()) >= 100 ? "%.1f" : "%.3f", r.value());
        return new ReadingRow(e.node(), e.source(), type, value, unit, age.toSeconds(), Ages.describe(age));
    }
}
