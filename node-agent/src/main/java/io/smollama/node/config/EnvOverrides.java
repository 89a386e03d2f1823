package io.smollama.node.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Environment overrides. Every setting in a schema has a variable named from its path,
 * {@code http.token_file} → {@code SMOLLAMA_HTTP_TOKEN_FILE}; the names are derived by walking the
 * schema, so a plugin's keys get overrides without anyone listing them. String settings take the
 * variable's text as it is (a token or a path must not be re-read as YAML); other settings read it
 * as a YAML value, so lists are written {@code [a, b]} or {@code [{pin: 17, mode: input}]}. An empty
 * variable changes nothing. A {@code SMOLLAMA_*} variable that names no setting is a warning.
 */
final class EnvOverrides {

    static final String PREFIX = "SMOLLAMA_";

    /** Variables of the project's scripts and tools that share the prefix but are not settings. */
    static final java.util.Set<String> NOT_SETTINGS = java.util.Set.of("SMOLLAMA_JAVA_OPTS", "SMOLLAMA_TOKEN");

    /** The result of applying overrides: the layered tree and the warnings about unused variables. */
    record Applied(RawValue.Mapping tree, List<String> warnings) {}

    private record Target(String key, ConfigSpec.Field field) {}

    private EnvOverrides() {}

    /** {@code http.port} → {@code SMOLLAMA_HTTP_PORT}. */
    static String variableFor(String dottedKey) {
        return PREFIX + dottedKey.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    static Applied apply(RawValue.Mapping tree, ConfigSpec root, Map<String, String> environment, Problems problems) {
        List<String> warnings = new ArrayList<>();
        Map<String, Target> targets = new LinkedHashMap<>();
        Map<String, String> ambiguous = new LinkedHashMap<>();
        collect(root, "", targets, ambiguous);
        RawValue.Mapping layered = tree;
        for (Map.Entry<String, String> variable : new TreeMap<>(environment).entrySet()) {
            String name = variable.getKey();
            if (!name.startsWith(PREFIX) || NOT_SETTINGS.contains(name)) {
                continue;
            }
            Target target = targets.get(name);
            if (target == null) {
                warnings.add(unknown(name, targets));
                continue;
            }
            if (ambiguous.containsKey(name)) {
                warnings.add("env " + name + " could mean " + target.key() + " or " + ambiguous.get(name) + "; it sets "
                        + target.key() + ", so set " + ambiguous.get(name) + " in a file");
            }
            String text = variable.getValue();
            if (text.isBlank()) {
                continue;
            }
            Origin origin = Origin.env(name);
            RawValue value = takesText(target.field().type())
                    ? new RawValue.Scalar(text, false, origin)
                    : YamlReader.readValue(text, origin, target.key(), problems);
            if (value != null) {
                layered = layered.with(RawValue.steps(target.key()), value);
            }
        }
        return new Applied(layered, List.copyOf(warnings));
    }

    private static boolean takesText(ConfigSpec.Type type) {
        return type instanceof ConfigSpec.StringType || type instanceof ConfigSpec.EnumType;
    }

    private static void collect(
            ConfigSpec spec, String prefix, Map<String, Target> targets, Map<String, String> ambiguous) {
        for (ConfigSpec.Field field : spec.fields().values()) {
            String key = prefix.isEmpty() ? field.name() : prefix + "." + field.name();
            if (field.type() instanceof ConfigSpec.ObjectType object) {
                collect(object.spec(), key, targets, ambiguous);
                continue;
            }
            String name = variableFor(key);
            if (targets.putIfAbsent(name, new Target(key, field)) != null) {
                ambiguous.putIfAbsent(name, key);
            }
        }
    }

    private static String unknown(String name, Map<String, Target> targets) {
        String message = "env " + name + " is not a setting and was ignored";
        return Suggestions.closest(name, targets.keySet())
                .map(s -> message + "; did you mean " + s + "?")
                .orElse(message);
    }
}
