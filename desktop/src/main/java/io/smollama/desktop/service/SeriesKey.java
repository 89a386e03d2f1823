package io.smollama.desktop.service;

/**
 * A source of a node, as the console names it in its layout: {@code node|type:id}. The node's name
 * (not its URL) keeps a series across an address change.
 */
public record SeriesKey(String node, String source) {

    public static String of(String node, String source) {
        return node + "|" + source;
    }

    public static SeriesKey parse(String key) {
        int bar = key.indexOf('|');
        if (bar <= 0 || bar == key.length() - 1) {
            throw new IllegalArgumentException("series key '" + key + "' must be node|type:id");
        }
        return new SeriesKey(key.substring(0, bar), key.substring(bar + 1));
    }

    public String key() {
        return of(node, source);
    }

    /** A label for legends: {@code node · type:id}. */
    public String label() {
        return node + " · " + source;
    }
}
