package io.smollama.node.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Settings} of one validated configuration object. Every slot of the schema is filled
 * (with the value given, or the default), so lookups only fail on programming errors: a key that is
 * not in the schema, or a getter that does not match the key's type.
 */
final class TreeSettings implements Settings {

    /**
     * One setting: its typed value (String, Long, Double, Boolean, Duration, List of String, a nested
     * TreeSettings, or a List of TreeSettings), null when unset without a default.
     */
    record Slot(ConfigSpec.Field field, @Nullable Object value, Origin origin, boolean set) {}

    private final String path;
    private final Map<String, Slot> slots;
    private final List<String> order;
    private final @Nullable Path baseDirectory;

    TreeSettings(String path, Map<String, Slot> slots, @Nullable Path baseDirectory) {
        this.path = path;
        this.slots = Map.copyOf(slots);
        this.baseDirectory = baseDirectory;
        this.order = List.copyOf(slots.keySet());
    }

    /** The slots in schema order. */
    List<Slot> slots() {
        return order.stream().map(slots::get).toList();
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String string(String key) {
        Slot slot = slot(key, "a string", ConfigSpec.StringType.class, ConfigSpec.EnumType.class);
        if (slot.value() == null) {
            throw new NoSuchElementException(
                    qualified(key) + " is not set and has no default; read it with optionalString");
        }
        return (String) slot.value();
    }

    @Override
    public Optional<String> optionalString(String key) {
        Slot slot = slot(key, "a string", ConfigSpec.StringType.class, ConfigSpec.EnumType.class);
        return Optional.ofNullable((String) slot.value()).filter(s -> !s.isEmpty());
    }

    @Override
    public long integer(String key) {
        return (Long) value(slot(key, "an integer", ConfigSpec.IntType.class));
    }

    @Override
    public double decimal(String key) {
        return (Double) value(slot(key, "a number", ConfigSpec.DecimalType.class));
    }

    @Override
    public boolean bool(String key) {
        return (Boolean) value(slot(key, "a boolean", ConfigSpec.BoolType.class));
    }

    @Override
    public Duration duration(String key) {
        return (Duration) value(slot(key, "a duration", ConfigSpec.DurationType.class));
    }

    @Override
    @SuppressWarnings("unchecked") // the validator stores a List<String> for every StringListType
    public List<String> strings(String key) {
        return (List<String>) value(slot(key, "a list of strings", ConfigSpec.StringListType.class));
    }

    @Override
    @SuppressWarnings("unchecked") // the validator stores a List<TreeSettings> for every ObjectListType
    public List<Settings> list(String key) {
        return (List<Settings>) value(slot(key, "a list of objects", ConfigSpec.ObjectListType.class));
    }

    @Override
    public Settings section(String key) {
        return (Settings) value(slot(key, "a section", ConfigSpec.ObjectType.class));
    }

    @Override
    public boolean isSet(String key) {
        return slot(key).set();
    }

    @Override
    public String origin(String key) {
        return slot(key).origin().toString();
    }

    @Override
    public Optional<Path> baseDirectory() {
        return Optional.ofNullable(baseDirectory);
    }

    @Override
    public String toString() {
        return "Settings[" + (path.isEmpty() ? "root" : path) + "]";
    }

    /** The slot for a key that may be dotted ({@code http.port}). */
    Slot slot(String key) {
        int dot = key.indexOf('.');
        String head = dot < 0 ? key : key.substring(0, dot);
        Slot slot = slots.get(head);
        if (slot == null) {
            throw new IllegalArgumentException("'" + qualified(head) + "' is not a config key; keys in "
                    + (path.isEmpty() ? "the root" : path) + " are " + String.join(", ", order));
        }
        if (dot < 0) {
            return slot;
        }
        if (!(slot.value() instanceof TreeSettings child)) {
            throw new IllegalArgumentException(
                    "'" + qualified(head) + "' is not a section, so '" + qualified(key) + "' is not a config key");
        }
        return child.slot(key.substring(dot + 1));
    }

    private Slot slot(String key, String wanted, Class<?>... types) {
        Slot slot = slot(key);
        for (Class<?> type : types) {
            if (type.isInstance(slot.field().type())) {
                return slot;
            }
        }
        throw new IllegalArgumentException(
                "'" + qualified(key) + "' is " + slot.field().type().expected() + " in the schema, not " + wanted);
    }

    private static Object value(Slot slot) {
        Object value = slot.value();
        if (value == null) {
            throw new IllegalStateException("setting " + slot.field().name() + " has no value and no default");
        }
        return value;
    }

    private String qualified(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
