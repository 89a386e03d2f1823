package io.smollama.node.cli;

import io.smollama.common.PluginInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code smollama-node plugins}: every plugin, its state and why. */
@Command(
        mixinStandardHelpOptions = true,
        name = "plugins",
        description = {
            "List every plugin with LOADED/RUNNING/SKIPPED/FAILED and why.",
            "Asks the running agent; when none runs, loads and starts the plugins here to check them."
        })
final class PluginsCommand implements Callable<Integer> {

    @Mixin
    AgentEndpoint endpoint;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        return endpoint.agentOrLocal(
                spec.commandLine().getErr(), client -> print(out, client.plugins(), false), local -> {
                    out.println("(no node-agent is running; plugins were loaded and started here to check them)");
                    return print(out, local.host().status(), true);
                });
    }

    private static int print(PrintWriter out, List<PluginInfo> plugins, boolean local) {
        boolean failed = false;
        for (PluginInfo p : plugins) {
            String state = local && p.state().equals("RUNNING") ? "LOADED" : p.state();
            failed |= state.equals("FAILED");
            out.printf("%-12s %-8s %-16s %s%n", p.name(), state, p.kind(), p.reason() == null ? "" : p.reason());
            out.printf(
                    "%-12s origin %s%s%n",
                    "", p.origin(), p.sources().isEmpty() ? "" : ", sources " + String.join(", ", p.sources()));
        }
        return failed ? ExitCodes.FAILURE : ExitCodes.OK;
    }
}
