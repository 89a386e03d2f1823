package io.smollama.node.testsupport;

import io.smollama.node.config.ConfigSpec;
import io.smollama.node.config.Durations;
import io.smollama.node.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@link Settings} for tests: a schema's defaults overlaid with typed values. Sections are nested
 * maps, lists of objects are lists of maps; numbers may be any {@link Number}, durations a
 * {@link Duration} or text like {@code 30s}. Unknown keys, wrong types and values out of range are
 * rejected when the settings are built, like the real loader does.
 */
public final class SpecSettings implements Settings {

    private final ConfigSpec spec;
    private final Map<String, Object> values;
    private final String path;

    private SpecSettings(ConfigSpec spec, Map<String, ?> values, String path) {
        this.spec = spec;
        this.values = Map.copyOf(values);
        this.path = path;
        values.forEach((key, value) -> check(field(key), value));
    }

    public static SpecSettings of(ConfigSpec spec, Map<String, ?> values) {
        return new SpecSettings(spec, values, "");
    }

    public static SpecSettings defaults(ConfigSpec spec) {
        return of(spec, Map.of());
    }

    private String at(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private ConfigSpec.Field field(String key) {
        return spec.field(key)
                .orElseThrow(() -> new IllegalArgumentException("no setting '" + at(key) + "' in the schema; it has "
                        + spec.fields().keySet()));
    }

    private void check(ConfigSpec.Field field, Object value) {
        String where = at(field.name());
        boolean ok =
                switch (field.type()) {
                    case ConfigSpec.StringType t -> value instanceof String s && (t.allowEmpty() || !s.isEmpty());
                    case ConfigSpec.IntType t ->
                        value instanceof Number n
                                && n.doubleValue() == Math.rint(n.doubleValue())
                                && n.longValue() >= t.min()
                                && n.longValue() <= t.max();
                    case ConfigSpec.DecimalType t ->
                        value instanceof Number n && n.doubleValue() >= t.min() && n.doubleValue() <= t.max();
                    case ConfigSpec.BoolType t -> value instanceof Boolean;
                    case ConfigSpec.DurationType t -> {
                        Duration d = asDuration(value);
                        yield d != null && d.compareTo(t.min()) >= 0 && d.compareTo(t.max()) <= 0;
                    }
                    case ConfigSpec.EnumType t ->
                        value instanceof String s && t.canonical(s).isPresent();
                    case ConfigSpec.StringListType t ->
                        value instanceof List<?> l && l.stream().allMatch(String.class::isInstance);
                    case ConfigSpec.ObjectListType t ->
                        value instanceof List<?> l && l.stream().allMatch(Map.class::isInstance);
                    case ConfigSpec.ObjectType t -> value instanceof Map<?, ?>;
                };
        if (!ok) {
            throw new IllegalArgumentException(
                    where + ": expected " + field.type().expected() + ", got " + value);
        }
        if (field.type() instanceof ConfigSpec.ObjectListType(ConfigSpec element)) {
            elements(where, element, (List<?>) value);
        } else if (field.type() instanceof ConfigSpec.ObjectType(ConfigSpec nested)) {
            new SpecSettings(nested, typed((Map<?, ?>) value), where);
        }
    }

    private static @Nullable Duration asDuration(Object value) {
        if (value instanceof Duration d) return d;
        return value instanceof String s ? Durations.parse(s).orElse(null) : null;
    }

    private static Map<String, Object> typed(Map<?, ?> map) {
        Map<String, Object> result = new java.util.LinkedHashMap<>();
        map.forEach((k, v) -> result.put(String.valueOf(k), v));
        return result;
    }

    private static List<Settings> elements(String where, ConfigSpec element, List<?> list) {
        List<Settings> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            result.add(new SpecSettings(element, typed((Map<?, ?>) list.get(i)), where + "[" + i + "]"));
        }
        return result;
    }

    private @Nullable Object raw(String key) {
        int dot = key.indexOf('.');
        if (dot > 0) {
            return ((SpecSettings) section(key.substring(0, dot))).raw(key.substring(dot + 1));
        }
        ConfigSpec.Field field = field(key);
        return values.containsKey(key) ? values.get(key) : field.defaultValue();
    }

    private Object value(String key) {
        Object v = raw(key);
        if (v == null) {
            throw new IllegalStateException("setting '" + at(key) + "' has no value and no default");
        }
        return v;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String string(String key) {
        String s = (String) value(key);
        if (fieldOf(key).type() instanceof ConfigSpec.EnumType e) {
            return e.canonical(s).orElseThrow();
        }
        return s;
    }

    private ConfigSpec.Field fieldOf(String key) {
        int dot = key.indexOf('.');
        return dot > 0 ? ((SpecSettings) section(key.substring(0, dot))).fieldOf(key.substring(dot + 1)) : field(key);
    }

    @Override
    public Optional<String> optionalString(String key) {
        return raw(key) instanceof String s && !s.isEmpty() ? Optional.of(s) : Optional.empty();
    }

    @Override
    public long integer(String key) {
        return ((Number) value(key)).longValue();
    }

    @Override
    public double decimal(String key) {
        return ((Number) value(key)).doubleValue();
    }

    @Override
    public boolean bool(String key) {
        return (Boolean) value(key);
    }

    @Override
    public Duration duration(String key) {
        return java.util.Objects.requireNonNull(asDuration(value(key)));
    }

    @Override
    public List<String> strings(String key) {
        return ((List<?>) value(key)).stream().map(String.class::cast).toList();
    }

    @Override
    public List<Settings> list(String key) {
        if (!(fieldOf(key).type() instanceof ConfigSpec.ObjectListType(ConfigSpec element))) {
            throw new IllegalArgumentException("setting '" + at(key) + "' is not a list of objects");
        }
        return elements(at(key), element, (List<?>) value(key));
    }

    @Override
    public Settings section(String key) {
        int dot = key.indexOf('.');
        if (dot > 0) {
            return section(key.substring(0, dot)).section(key.substring(dot + 1));
        }
        if (!(field(key).type() instanceof ConfigSpec.ObjectType(ConfigSpec nested))) {
            throw new IllegalArgumentException("setting '" + at(key) + "' is not a section");
        }
        Object v = values.get(key);
        return new SpecSettings(nested, v == null ? Map.of() : typed((Map<?, ?>) v), at(key));
    }

    @Override
    public boolean isSet(String key) {
        int dot = key.indexOf('.');
        if (dot > 0) {
            return section(key.substring(0, dot)).isSet(key.substring(dot + 1));
        }
        field(key);
        return values.containsKey(key);
    }

    @Override
    public String origin(String key) {
        return isSet(key) ? "test" : "default";
    }

    @Override
    public Optional<Path> baseDirectory() {
        return Optional.empty();
    }
}
