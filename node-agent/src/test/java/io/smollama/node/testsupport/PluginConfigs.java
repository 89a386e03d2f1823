package io.smollama.node.testsupport;

import io.smollama.node.config.ConfigSpec;
import io.smollama.node.config.Configs;
import io.smollama.node.config.Durations;
import io.smollama.node.config.NodeSchema;
import io.smollama.node.config.Settings;
import io.smollama.node.plugin.Plugin;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * Config sections for plugins in tests, built from the real node schema and validated by the real
 * loader: the values are written out as YAML and read back, as a user's file would be.
 */
public final class PluginConfigs {

    private PluginConfigs() {}

    /** The {@code plugins} section for these plugins, with {@code sections} overriding defaults per plugin name. */
    public static Settings pluginsSection(
            Map<String, ConfigSpec> specs, Map<String, Boolean> enabledByDefault, Map<String, ?> sections) {
        ConfigSpec root = NodeSchema.root(specs, enabledByDefault);
        String yaml = new Yaml().dump(Map.of("plugins", yamlValue(sections)));
        return Configs.fromYaml(yaml, root).section("plugins");
    }

    /** The {@code plugins.<name>} section of one plugin, with {@code values} overriding its defaults. */
    public static Settings section(Plugin plugin, Map<String, ?> values) {
        return pluginsSection(
                        Map.of(plugin.name(), plugin.configSpec()),
                        Map.of(plugin.name(), plugin.enabledByDefault()),
                        Map.of(plugin.name(), values))
                .section(plugin.name());
    }

    private static Object yamlValue(Object value) {
        return switch (value) {
            case Duration d -> Durations.format(d);
            case Map<?, ?> m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(String.valueOf(k), yamlValue(v)));
                yield out;
            }
            case List<?> l -> l.stream().map(PluginConfigs::yamlValue).toList();
            default -> value;
        };
    }
}
