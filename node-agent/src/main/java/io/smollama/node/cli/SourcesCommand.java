package io.smollama.node.cli;

import io.smollama.common.NodeApiException;
import io.smollama.common.NodeClient;
import io.smollama.common.SourceInfo;
import io.smollama.node.AgentConfig;
import io.smollama.node.config.Durations;
import io.smollama.node.plugin.SensorHandle;
import io.smollama.node.plugin.SourceSpec;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code smollama-node sources}: every source, from the running agent or straight from the plugins. */
@Command(name = "sources", description = "List every source with its plugin, unit, interval and latest value.")
final class SourcesCommand implements Callable<Integer> {

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
        try {
            for (SourceInfo s : client.sources()) {
                String latest = s.latest() == null ? "-" : ReadCommand.format(s.latest());
                out.printf("%-32s %-10s %-6s %-6s %s%n", s.source(), s.plugin(), s.unit() == null ? "" : s.unit(),
                        s.interval().isZero() ? "-" : Durations.format(s.interval()), latest);
            }
            return ExitCodes.OK;
        } catch (NodeApiException e) {
            if (!e.unreachable()) {
                err.println("smollama-node: " + e.getMessage());
                return ExitCodes.FAILURE;
            }
        }
        try (AgentConfig cfg = endpoint.config.load(err)) {
            if (cfg == null) {
                return ExitCodes.CONFIG;
            }
            out.println("(no node-agent is running; sources come straight from the plugins)");
            try (LocalPlugins lp = new LocalPlugins(cfg)) {
                for (SensorHandle h : lp.host().sensors()) {
                    for (SourceSpec s : h.sources()) {
                        out.printf("%-32s %-10s %-6s %-6s %s%n", s.source(), h.plugin(), s.unit() == null ? "" : s.unit(),
                                Durations.format(s.interval()), s.description());
                    }
                }
            }
            return ExitCodes.OK;
        }
    }
}
