package io.smollama.node.cli;

import io.smollama.common.NodeApiException;
import io.smollama.common.NodeClient;
import io.smollama.common.Reading;
import io.smollama.node.AgentConfig;
import io.smollama.node.plugin.Sample;
import io.smollama.node.plugin.SensorHandle;
import io.smollama.node.plugin.SourceSpec;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code smollama-node read type:id}: a current reading of one source. */
@Command(name = "read", description = {
        "Print a current reading of one source (full id type:id, e.g. system:load_1m).",
        "Asks the running agent for its latest reading; when none runs, reads the plugin directly."})
final class ReadCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SOURCE", description = "the source id, type:id")
    String source;

    @Mixin
    AgentEndpoint endpoint;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Reading.splitSource(source);
        } catch (IllegalArgumentException e) {
            err.println("smollama-node: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        NodeClient client = endpoint.client(err, Duration.ofSeconds(2));
        if (client == null) {
            return ExitCodes.CONFIG;
        }
        try {
            Optional<Reading> r = client.latest(source);
            if (r.isEmpty()) {
                err.println("smollama-node: the agent has no readings for " + source + "; see 'smollama-node sources'");
                return ExitCodes.FAILURE;
            }
            out.println(source + " = " + format(r.get()) + "  at " + r.get().timestamp());
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
            try (LocalPlugins lp = new LocalPlugins(cfg)) {
                for (SensorHandle h : lp.host().sensors()) {
                    for (SourceSpec s : h.sources()) {
                        if (s.source().equals(source)) {
                            Sample sample = h.sample(s.id());
                            return switch (sample) {
                                case Sample.Numeric n -> print(out, n.value() + unit(s));
                                case Sample.Text t -> print(out, t.text());
                                case Sample.Skip k -> print(out, "(no value this time)");
                                case Sample.Failure f -> {
                                    err.println("smollama-node: reading " + source + " failed: " + f.reason());
                                    yield ExitCodes.FAILURE;
                                }
                            };
                        }
                    }
                }
            }
            err.println("smollama-node: no running plugin offers " + source + "; see 'smollama-node sources'");
            return ExitCodes.FAILURE;
        }
    }

    private int print(PrintWriter out, String value) {
        out.println(source + " = " + value + "  (read directly; no node-agent is running)");
        return ExitCodes.OK;
    }

    private static String unit(SourceSpec s) {
        return s.unit() == null ? "" : " " + s.unit();
    }

    static String format(Reading r) {
        if (r.value() != null) {
            double v = r.value();
            String num = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format("%.3f", v);
            return num + (r.unit() == null ? "" : " " + r.unit());
        }
        return String.valueOf(r.text());
    }
}
