package io.smollama.node.testsupport;

import io.smollama.node.config.ConfigSpec;
import io.smollama.node.config.NodeSchema;
import io.smollama.node.config.Settings;
import io.smollama.node.plugin.Plugin;
import java.util.Map;

/** Config sections for plugins in tests, built from the real node schema. */
public final class PluginConfigs {

    private PluginConfigs() {}

    /** The {@code plugins} section for these plugins, with {@code sections} overriding defaults per plugin name. */
    public static Settings pluginsSection(
            Map<String, ConfigSpec> specs, Map<String, Boolean> enabledByDefault, Map<String, ?> sections) {
        ConfigSpec root = NodeSchema.root(specs, enabledByDefault);
        return SpecSettings.of(root, Map.of("plugins", sections)).section("plugins");
    }

    /** The {@code plugins.<name>} section of one plugin, with {@code values} overriding its defaults. */
    public static Settings section(Plugin plugin, Map<String, ?> values) {
        return pluginsSection(
                        Map.of(plugin.name(), plugin.configSpec()),
                        Map.of(plugin.name(), plugin.enabledByDefault()),
                        Map.of(plugin.name(), values))
                .section(plugin.name());
    }
}
