package io.smollama.node.cli;

import io.smollama.node.AgentConfig;
import io.smollama.node.plugin.PluginHost;
import java.time.Clock;

/**
 * The plugins started in the CLI's own process, for {@code plugins}, {@code sources} and
 * {@code read} when no agent is running (so hardware can be checked without the agent).
 */
final class LocalPlugins implements AutoCloseable {

    private final PluginHost host;

    LocalPlugins(AgentConfig cfg) {
        host = new PluginHost(cfg.plugins(), Clock.systemUTC());
        host.start(cfg.loaded().settings().section("plugins"), cfg.node().name(), cfg.node().storage().path());
    }

    PluginHost host() {
        return host;
    }

    @Override
    public void close() {
        host.close();
    }
}
