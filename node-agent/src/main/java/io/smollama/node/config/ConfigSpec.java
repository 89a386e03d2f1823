package io.smollama.node.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The schema of one configuration object (a section, a plugin's section, or an element of a list
 * of objects). The loader validates YAML, overlays and environment overrides against it, and the
 * environment variable names are derived from it. Immutable; build one with {@link #builder()}.
 */
public final class ConfigSpec {

    /** The type of a setting; {@link #expected()} is the phrase used in "expected X, got Y". */
    public sealed interface Type {
        String expected();
    }

    /**
     * A string; when {@code pattern} or {@code minLength} is set, a non-blank value must match it
     * (compared after trimming), and {@code describedAs} says what is expected.
     */
    public record StringType(
            boolean allowEmpty,
            @Nullable String pattern,
            int minLength,
            @Nullable String describedAs) implements Type {

        public StringType(boolean allowEmpty) {
            this(allowEmpty, null, 0, null);
        }

        @Override
        public String expected() {
            if (describedAs != null) {
                return describedAs;
            }
            return allowEmpty ? "a string" : "a non-empty string";
        }

        public boolean accepts(String text) {
            if (text.isBlank()) {
                return allowEmpty;
            }
            String t = text.strip();
            return t.length() >= minLength && (pattern == null || t.matches(pattern));
        }
    }

    public record IntType(long min, long max) implements Type {
        @Override
        public String expected() {
            return "an integer from " + min + " to " + max;
        }
    }

    public record DecimalType(double min, double max) implements Type {
        @Override
        public String expected() {
            return "a number from " + min + " to " + max;
        }
    }

    public record BoolType() implements Type {
        @Override
        public String expected() {
            return "true or false";
        }
    }

    /** Accepts ISO-8601 ({@code PT30S}) and short forms ({@code 500ms}, {@code 30s}, {@code 15m}, {@code 2h}, {@code 90d}). */
    public record DurationType(Duration min, Duration max) implements Type {
        @Override
        public String expected() {
            return "a duration like 30s, 15m, 2h, 90d or PT30S, from " + Durations.format(min) + " to "
                    + Durations.format(max);
        }
    }

    /** One of a closed set of words; {@code aliases} map other accepted words to a canonical value. */
    public record EnumType(List<String> values, Map<String, String> aliases) implements Type {
        public EnumType {
            values = List.copyOf(values);
            aliases = Map.copyOf(aliases);
        }

        @Override
        public String expected() {
            return "one of " + String.join(", ", values)
                    + (aliases.isEmpty()
                            ? ""
                            : " (or alias "
                                    + String.join(
                                            ", ",
                                            aliases.keySet().stream().sorted().toList()) + ")");
        }

        /** The canonical value for a word, case-insensitively, or empty when the word is not accepted. */
        public Optional<String> canonical(String word) {
            String w = word.trim().toLowerCase(java.util.Locale.ROOT);
            if (values.contains(w)) {
                return Optional.of(w);
            }
            return Optional.ofNullable(aliases.get(w));
        }
    }

    public record StringListType() implements Type {
        @Override
        public String expected() {
            return "a list of strings";
        }
    }

    public record ObjectListType(ConfigSpec element) implements Type {
        @Override
        public String expected() {
            return "a list of objects";
        }
    }

    public record ObjectType(ConfigSpec spec) implements Type {
        @Override
        public String expected() {
            return "an object";
        }
    }

    /**
     * One setting. {@code defaultValue} is the typed default (String, Long, Double, Boolean, Duration,
     * List) or null when the setting has no default (it is then optional, or derived by the code
     * that reads it). Secrets are masked wherever configuration is shown.
     */
    public record Field(String name, Type type, @Nullable Object defaultValue, boolean secret, String doc) {}

    private final Map<String, Field> fields;

    private ConfigSpec(Map<String, Field> fields) {
        this.fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public Map<String, Field> fields() {
        return fields;
    }

    public Optional<Field> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this spec with the fields of {@code other} added (other's win on a clash). */
    public ConfigSpec with(ConfigSpec other) {
        Map<String, Field> merged = new LinkedHashMap<>(fields);
        merged.putAll(other.fields);
        return new ConfigSpec(merged);
    }

    public static final class Builder {
        private final Map<String, Field> fields = new LinkedHashMap<>();

        private Builder add(String name, Type type, @Nullable Object def, boolean secret, String doc) {
            if (!name.matches("[a-z][a-z0-9_]*")) {
                throw new IllegalArgumentException("config key '" + name + "' must be lower_snake_case");
            }
            if (fields.putIfAbsent(name, new Field(name, type, def, secret, doc)) != null) {
                throw new IllegalArgumentException("config key '" + name + "' declared twice");
            }
            return this;
        }

        public Builder string(String name, @Nullable String def, String doc) {
            return add(name, new StringType(false), def, false, doc);
        }

        /** A string that may be empty (an empty value usually means "not set"). */
        public Builder optionalString(String name, @Nullable String def, String doc) {
            return add(name, new StringType(true), def, false, doc);
        }

        public Builder secret(String name, String doc) {
            return add(name, new StringType(true), null, true, doc);
        }

        /** A secret that, when set, has at least {@code minLength} characters. */
        public Builder secret(String name, int minLength, String doc) {
            return add(
                    name,
                    new StringType(true, null, minLength, "at least " + minLength + " characters (or leave it unset)"),
                    null,
                    true,
                    doc);
        }

        /** An optional string that, when set, matches {@code regex}; {@code describedAs} says what that means. */
        public Builder matching(String name, String regex, String describedAs, String doc) {
            return add(name, new StringType(true, regex, 0, describedAs), null, false, doc);
        }

        public Builder integer(String name, long def, long min, long max, String doc) {
            return add(name, new IntType(min, max), def, false, doc);
        }

        public Builder decimal(String name, double def, double min, double max, String doc) {
            return add(name, new DecimalType(min, max), def, false, doc);
        }

        public Builder bool(String name, boolean def, String doc) {
            return add(name, new BoolType(), def, false, doc);
        }

        public Builder duration(String name, Duration def, Duration min, Duration max, String doc) {
            return add(name, new DurationType(min, max), def, false, doc);
        }

        public Builder enumeration(
                String name, String def, List<String> values, Map<String, String> aliases, String doc) {
            return add(name, new EnumType(values, aliases), def, false, doc);
        }

        public Builder strings(String name, List<String> def, String doc) {
            return add(name, new StringListType(), List.copyOf(def), false, doc);
        }

        public Builder objects(String name, ConfigSpec element, String doc) {
            return add(name, new ObjectListType(element), List.of(), false, doc);
        }

        public Builder object(String name, ConfigSpec spec, String doc) {
            return add(name, new ObjectType(spec), null, false, doc);
        }

        public ConfigSpec build() {
            return new ConfigSpec(new ArrayList<>(fields.values())
                    .stream()
                            .collect(java.util.stream.Collectors.toMap(
                                    Field::name, f -> f, (a, b) -> a, LinkedHashMap::new)));
        }
    }
}
