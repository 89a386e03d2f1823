package io.smollama.node.cli;

import io.smollama.node.AgentConfig;
import io.smollama.node.DataDirectoryLock;
import io.smollama.node.plugin.PluginHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;

/**
 * The plugins started in the CLI's own process, for {@code plugins}, {@code sources} and
 * {@code read} when no agent is running (so hardware can be checked without the agent). Holds
 * the data directory's lock meanwhile, like an agent would.
 */
final class LocalPlugins implements AutoCloseable {

    private final DataDirectoryLock lock;
    private final PluginHost host;

    private LocalPlugins(DataDirectoryLock lock, PluginHost host) {
        this.lock = lock;
        this.host = host;
    }

    /** Throws {@link IllegalStateException} when an agent holds the data directory (it runs but did not answer). */
    static LocalPlugins start(AgentConfig cfg, URI triedUrl) {
        DataDirectoryLock lock;
        try {
            lock = DataDirectoryLock.acquire(cfg.node().storage().path());
        } catch (IllegalStateException e) {
            throw new IllegalStateException(
                    e.getMessage() + ", but nothing answers at " + triedUrl
                            + "; not starting the plugins here, which would drive the same hardware",
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PluginHost host = new PluginHost(cfg.plugins(), Clock.systemUTC());
        host.start(
                cfg.loaded().settings().section("plugins"),
                cfg.node().name(),
                cfg.node().storage().path());
        return new LocalPlugins(lock, host);
    }

    PluginHost host() {
        return host;
    }

    @Override
    public void close() {
        host.close();
        try {
            lock.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
