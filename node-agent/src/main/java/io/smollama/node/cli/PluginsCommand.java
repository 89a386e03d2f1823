package io.smollama.node.cli;

import io.smollama.common.NodeApiException;
import io.smollama.common.NodeClient;
import io.smollama.common.PluginInfo;
import io.smollama.node.AgentConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code smollama-node plugins}: every plugin, its state and why. */
@Command(name = "plugins", description = {
        "List every plugin with LOADED/RUNNING/SKIPPED/FAILED and why.",
        "Asks the running agent; when none runs, loads and starts the plugins here to check them."})
final class PluginsCommand implements Callable<Integer> {

    @Mixin
    AgentEndpoint endpoint;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        NodeClient client = endpoint.client(err, Duration.ofSeconds(2));
        if (client == null) {
            return ExitCodes.CONFIG;
        }
        List<PluginInfo> plugins;
        boolean local = false;
        try {
            plugins = client.plugins();
        } catch (NodeApiException e) {
            if (!e.unreachable()) {
                err.println("smollama-node: " + e.getMessage());
                return ExitCodes.FAILURE;
            }
            try (AgentConfig cfg = endpoint.config.load(err)) {
                if (cfg == null) {
                    return ExitCodes.CONFIG;
                }
                try (LocalPlugins lp = new LocalPlugins(cfg)) {
                    plugins = lp.host().status();
                }
            }
            local = true;
        }
        if (local) {
            out.println("(no node-agent is running; plugins were loaded and started here to check them)");
        }
        boolean failed = false;
        for (PluginInfo p : plugins) {
            String state = local && p.state().equals("RUNNING") ? "LOADED" : p.state();
            failed |= state.equals("FAILED");
            out.printf("%-12s %-8s %-16s %s%n", p.name(), state, p.kind(), p.reason() == null ? "" : p.reason());
            out.printf("%-12s origin %s%s%n", "", p.origin(), p.sources().isEmpty() ? "" : ", sources " + String.join(", ", p.sources()));
        }
        return failed ? ExitCodes.FAILURE : ExitCodes.OK;
    }
}
