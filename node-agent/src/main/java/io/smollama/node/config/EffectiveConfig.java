package io.smollama.node.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Every setting in schema order with the value in effect and where it came from: what
 * {@code smollama-node config check} shows. Secrets never appear: a set secret shows as
 * {@value #MASK}, an unset one as {@value #UNSET}.
 *
 * @param settings one entry per leaf setting; list-of-object settings are expanded per element
 *     ({@code plugins.gpio.pins[0].pin})
 * @param files the files read, main file first
 * @param warnings things that are not errors but likely mistakes
 */
public record EffectiveConfig(List<Entry> settings, List<Path> files, List<String> warnings) {

    public static final String MASK = "****";
    public static final String UNSET = "(unset)";

    /** One setting: {@code http.port}, {@code 9000}, {@code env SMOLLAMA_HTTP_PORT}. */
    public record Entry(String key, String value, String origin) {}

    public EffectiveConfig {
        settings = List.copyOf(settings);
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }

    static EffectiveConfig of(TreeSettings root, List<Path> files, List<String> warnings) {
        List<Entry> entries = new ArrayList<>();
        collect(root, entries);
        return new EffectiveConfig(entries, files, warnings);
    }

    private static void collect(TreeSettings object, List<Entry> entries) {
        for (TreeSettings.Slot slot : object.slots()) {
            String key = object.path().isEmpty()
                    ? slot.field().name()
                    : object.path() + "." + slot.field().name();
            if (slot.value() instanceof TreeSettings section) {
                collect(section, entries);
            } else if (slot.field().type() instanceof ConfigSpec.ObjectListType
                    && slot.value() instanceof List<?> items
                    && !items.isEmpty()) {
                items.forEach(item -> collect((TreeSettings) item, entries));
            } else {
                entries.add(new Entry(key, text(slot), slot.origin().toString()));
            }
        }
    }

    private static String text(TreeSettings.Slot slot) {
        @Nullable Object value = slot.value();
        if (slot.field().secret()) {
            return value == null || value.toString().isEmpty() ? UNSET : MASK;
        }
        return switch (value) {
            case null -> UNSET;
            case String s when s.isEmpty() -> "\"\"";
            case String s -> s.replace("\n", "\\n");
            case Duration d -> Durations.format(d);
            case List<?> list -> list.toString();
            default -> value.toString();
        };
    }

    /** Aligned text, one setting a line, with the files read above: ready to print. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(files.isEmpty() ? "No config file found; built-in defaults apply." : "Files read:");
        files.forEach(f -> out.append("\n  ").append(f));
        int keyWidth = settings.stream().mapToInt(e -> e.key().length()).max().orElse(0);
        int valueWidth =
                settings.stream().mapToInt(e -> e.value().length()).max().orElse(0);
        out.append("\n\n");
        for (Entry e : settings) {
            out.append(pad(e.key(), keyWidth))
                    .append(" = ")
                    .append(pad(e.value(), Math.min(valueWidth, 40)))
                    .append("  # ")
                    .append(e.origin())
                    .append('\n');
        }
        warnings.forEach(w -> out.append("warning: ").append(w).append('\n'));
        return out.toString();
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
