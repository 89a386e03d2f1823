package io.smollama.node.cli;

import io.smollama.common.SourceInfo;
import io.smollama.node.config.Durations;
import io.smollama.node.plugin.SensorHandle;
import io.smollama.node.plugin.SourceSpec;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code smollama-node sources}: every source, from the running agent or straight from the plugins. */
@Command(
        mixinStandardHelpOptions = true,
        name = "sources",
        description = "List every source with its plugin, unit, interval and latest value.")
final class SourcesCommand implements Callable<Integer> {

    private static final String ROW = "%-32s %-10s %-6s %-6s %s%n";

    @Mixin
    AgentEndpoint endpoint;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        return endpoint.agentOrLocal(
                spec.commandLine().getErr(),
                client -> {
                    for (SourceInfo s : client.sources()) {
                        out.printf(
                                ROW,
                                s.source(),
                                s.plugin(),
                                s.unit() == null ? "" : s.unit(),
                                s.interval().isZero() ? "-" : Durations.format(s.interval()),
                                s.latest() == null ? "-" : ReadCommand.format(s.latest()));
                    }
                    return ExitCodes.OK;
                },
                local -> {
                    out.println("(no node-agent is running; sources come straight from the plugins)");
                    for (SensorHandle h : local.host().sensors()) {
                        for (SourceSpec s : h.sources()) {
                            out.printf(
                                    ROW,
                                    s.source(),
                                    h.plugin(),
                                    s.unit() == null ? "" : s.unit(),
                                    Durations.format(s.interval()),
                                    s.description());
                        }
                    }
                    return ExitCodes.OK;
                });
    }
}
