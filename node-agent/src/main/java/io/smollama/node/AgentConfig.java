package io.smollama.node;

import io.smollama.node.config.ConfigException;
import io.smollama.node.config.ConfigLoader;
import io.smollama.node.config.ConfigRequest;
import io.smollama.node.config.LoadedConfig;
import io.smollama.node.config.NodeConfig;
import io.smollama.node.config.NodeSchema;
import io.smollama.node.config.RawConfig;
import io.smollama.node.plugin.LoadedPlugins;
import io.smollama.node.plugin.PluginLoader;

/**
 * A node's validated configuration together with the plugins it was validated against. Plugins
 * are discovered first (their directory is itself a config key), because each plugin's section
 * of the file is checked against that plugin's own schema.
 */
public record AgentConfig(LoadedConfig loaded, NodeConfig node, LoadedPlugins plugins) implements AutoCloseable {

    /** Reads, merges and validates the config; throws {@link ConfigException} listing every problem. */
    public static AgentConfig load(ConfigRequest request) {
        RawConfig raw = ConfigLoader.read(request);
        LoadedPlugins plugins = new PluginLoader(NodeConfig.pluginsDirectory(raw)).load();
        try {
            LoadedConfig loaded = raw.validate(NodeSchema.root(plugins.configSpecs(), plugins.enabledByDefault()));
            var pluginProblems = plugins.check(loaded.settings().section("plugins"));
            if (!pluginProblems.isEmpty()) {
                throw new ConfigException(pluginProblems);
            }
            return new AgentConfig(loaded, NodeConfig.from(loaded), plugins);
        } catch (RuntimeException e) {
            plugins.close();
            throw e;
        }
    }

    /** Releases the class loaders of drop-in plugin jars. */
    @Override
    public void close() {
        plugins.close();
    }
}
