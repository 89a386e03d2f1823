package io.smollama.desktop.dashboard;

import io.smollama.desktop.service.SeriesKey;

/**
 * A pinned source as a tile shows it: latest value and unit, the recent trail for the sparkline,
 * and how old the latest value is ({@link Staleness}).
 */
public record Tile(SeriesKey key, String value, String unit, double[] trail, String age, Staleness staleness) {

    /** The age colour: fresh, late (over three sampling intervals) or stale (over ten, or none). */
    public enum Staleness {
        FRESH,
        LATE,
        STALE
    }
}
