package io.smollama.desktop.readings;

/** One row of the readings table. {@code ageSeconds} is -1 when the source has no reading yet. */
public record ReadingRow(
        String node, String source, String type, String value, String unit, long ageSeconds, String age) {

    /** Whether the row matches a filter: every word must appear in node, source, type, value or unit. */
    boolean matches(String filter) {
        String hay = (node + " " + source + " " + type + " " + value + " " + unit).toLowerCase(java.util.Locale.ROOT);
        for (String word : filter.toLowerCase(java.util.Locale.ROOT).trim().split("\\s+")) {
            if (!word.isEmpty() && !hay.contains(word)) {
                return false;
            }
        }
        return true;
    }
}
