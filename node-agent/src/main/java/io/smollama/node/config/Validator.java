package io.smollama.node.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Checks a layered raw tree against a schema and converts it to typed values. It never stops at the
 * first problem: every unknown key, wrong type and out-of-range value is added to {@link Problems},
 * each with the origin of the value at fault.
 */
final class Validator {

    private final Problems problems;
    private final @Nullable Path baseDirectory;

    private Validator(Problems problems, @Nullable Path baseDirectory) {
        this.problems = problems;
        this.baseDirectory = baseDirectory;
    }

    /** The typed root settings for {@code tree}; the result is only meaningful when no problem was added. */
    static TreeSettings validate(
            RawValue.Mapping tree, ConfigSpec root, Problems problems, @Nullable Path baseDirectory) {
        return new Validator(problems, baseDirectory).object(root, tree, "");
    }

    private TreeSettings object(ConfigSpec spec, RawValue.@Nullable Mapping mapping, String path) {
        Map<String, RawValue.Entry> entries = mapping == null ? Map.of() : mapping.entries();
        entries.forEach((name, entry) -> {
            if (spec.field(name).isEmpty()) {
                problems.add(entry.keyOrigin(), join(path, name), unknownKey(spec, name, path));
            }
        });
        Map<String, TreeSettings.Slot> slots = new LinkedHashMap<>();
        for (ConfigSpec.Field field : spec.fields().values()) {
            RawValue.Entry entry = entries.get(field.name());
            String key = join(path, field.name());
            boolean absent = entry == null || entry.value() instanceof RawValue.Scalar s && s.isNull();
            Object value = absent ? null : convert(field, entry.value(), key);
            slots.put(
                    field.name(),
                    value == null
                            ? new TreeSettings.Slot(field, defaultValue(field, key), Origin.DEFAULT, false)
                            : new TreeSettings.Slot(field, value, entry.keyOrigin(), true));
        }
        return new TreeSettings(path, slots, baseDirectory);
    }

    private @Nullable Object defaultValue(ConfigSpec.Field field, String key) {
        return switch (field.type()) {
            case ConfigSpec.ObjectType object -> object(object.spec(), null, key);
            case ConfigSpec.ObjectListType ignored -> List.of();
            default -> field.defaultValue();
        };
    }

    /** The typed value, or null after adding a problem. */
    private @Nullable Object convert(ConfigSpec.Field field, RawValue raw, String key) {
        ConfigSpec.Type type = field.type();
        if (type instanceof ConfigSpec.ObjectType object) {
            return raw instanceof RawValue.Mapping m ? object(object.spec(), m, key) : wrong(field, raw, key);
        }
        if (type instanceof ConfigSpec.ObjectListType list) {
            return raw instanceof RawValue.Sequence seq ? objects(list.element(), seq, key) : wrong(field, raw, key);
        }
        if (type instanceof ConfigSpec.StringListType) {
            return raw instanceof RawValue.Sequence seq ? strings(seq, key) : wrong(field, raw, key);
        }
        if (!(raw instanceof RawValue.Scalar scalar)) {
            return wrong(field, raw, key);
        }
        String text = scalar.text();
        Optional<?> value =
                switch (type) {
                    case ConfigSpec.StringType s -> s.accepts(text) ? Optional.of(text) : Optional.empty();
                    case ConfigSpec.IntType i -> Scalars.integer(text).filter(n -> n >= i.min() && n <= i.max());
                    case ConfigSpec.DecimalType d -> Scalars.decimal(text).filter(n -> n >= d.min() && n <= d.max());
                    case ConfigSpec.BoolType b -> Scalars.bool(text);
                    case ConfigSpec.DurationType d ->
                        Durations.parse(text).filter(t -> t.compareTo(d.min()) >= 0 && t.compareTo(d.max()) <= 0);
                    case ConfigSpec.EnumType e -> e.canonical(text);
                    default -> throw new IllegalStateException("unhandled setting type " + type);
                };
        return value.isPresent() ? value.get() : wrong(field, raw, key);
    }

    private @Nullable Object wrong(ConfigSpec.Field field, RawValue raw, String key) {
        String got = field.secret() && raw instanceof RawValue.Scalar
                ? "a value that is not allowed"
                : YamlReader.describe(raw);
        String hint = raw.origin().rank() == Origin.ENVIRONMENT && isList(field.type())
                ? " (in a variable, write a list as [a, b] or [{key: value}])"
                : "";
        problems.add(raw.origin(), key, "expected " + field.type().expected() + ", got " + got + hint);
        return null;
    }

    private static boolean isList(ConfigSpec.Type type) {
        return type instanceof ConfigSpec.StringListType || type instanceof ConfigSpec.ObjectListType;
    }

    private @Nullable List<String> strings(RawValue.Sequence seq, String key) {
        List<String> values = new ArrayList<>();
        for (RawValue item : seq.items()) {
            if (item instanceof RawValue.Scalar s && !s.isNull()) {
                values.add(s.text());
            } else {
                problems.add(
                        item.origin(),
                        key + "[" + values.size() + "]",
                        "expected a string, got " + YamlReader.describe(item));
                values.add("");
            }
        }
        return List.copyOf(values);
    }

    private List<TreeSettings> objects(ConfigSpec element, RawValue.Sequence seq, String key) {
        List<TreeSettings> values = new ArrayList<>();
        for (RawValue item : seq.items()) {
            String itemKey = key + "[" + values.size() + "]";
            if (!(item instanceof RawValue.Mapping m)) {
                problems.add(
                        item.origin(),
                        itemKey,
                        "expected an object with keys "
                                + String.join(", ", element.fields().keySet()) + ", got " + YamlReader.describe(item));
            }
            values.add(object(element, item instanceof RawValue.Mapping m ? m : null, itemKey));
        }
        return List.copyOf(values);
    }

    private static String unknownKey(ConfigSpec spec, String name, String path) {
        String suggestion = Suggestions.closest(name, spec.fields().keySet())
                .map(s -> "did you mean '" + s + "'? ")
                .orElse("");
        if (path.equals("plugins")) {
            List<String> installed = spec.fields().values().stream()
                    .filter(f -> f.type() instanceof ConfigSpec.ObjectType)
                    .map(ConfigSpec.Field::name)
                    .toList();
            List<String> other = spec.fields().keySet().stream()
                    .filter(k -> !installed.contains(k))
                    .toList();
            return "no plugin named '" + name + "' is installed; " + suggestion
                    + (installed.isEmpty()
                            ? "no plugins are installed"
                            : "installed plugins: " + String.join(", ", installed))
                    + (other.isEmpty() ? "" : "; other keys here: " + String.join(", ", other));
        }
        return "unknown key; " + suggestion
                + (path.isEmpty() ? "allowed at the top level: " : "allowed in " + path + ": ")
                + String.join(", ", spec.fields().keySet());
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
