package io.smollama.node.store;

/**
 * The three tables a numeric history can be read from, finest first. {@code millis} is the width of one
 * stored row's bucket (1 for raw readings), {@code countColumn} the {@code sources} column counting its rows.
 */
enum Resolution {
    RAW("raw", 1, "readings", "ts", "reading_count"),
    MINUTE("minute", 60_000, "rollup_minute", "bucket", "minute_rows"),
    HOUR("hour", 3_600_000, "rollup_hour", "bucket", "hour_rows");

    final String label;
    final long millis;
    final String table;
    final String timeColumn;
    final String countColumn;

    Resolution(String label, long millis, String table, String timeColumn, String countColumn) {
        this.label = label;
        this.millis = millis;
        this.table = table;
        this.timeColumn = timeColumn;
        this.countColumn = countColumn;
    }

    /** Start of the bucket of this resolution that holds {@code epochMillis}. */
    long floor(long epochMillis) {
        return Math.floorDiv(epochMillis, millis) * millis;
    }
}
