package io.smollama.node.cli;

import io.smollama.common.Reading;
import io.smollama.node.plugin.Sample;
import io.smollama.node.plugin.SensorHandle;
import io.smollama.node.plugin.SourceSpec;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code smollama-node read type:id}: a current reading of one source. */
@Command(
        mixinStandardHelpOptions = true,
        name = "read",
        description = {
            "Print a current reading of one source (full id type:id, e.g. system:load_1m).",
            "Asks the running agent for its latest reading; when none runs, reads the plugin directly."
        })
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
        return endpoint.agentOrLocal(
                err,
                client -> {
                    Optional<Reading> r = client.latest(source);
                    if (r.isEmpty()) {
                        err.println("smollama-node: the agent has no readings for " + source
                                + "; see 'smollama-node sources'");
                        return ExitCodes.FAILURE;
                    }
                    out.println(
                            source + " = " + format(r.get()) + "  at " + r.get().timestamp());
                    return ExitCodes.OK;
                },
                local -> readDirectly(local, out, err));
    }

    private int readDirectly(LocalPlugins local, PrintWriter out, PrintWriter err) {
        for (SensorHandle h : local.host().sensors()) {
            for (SourceSpec s : h.sources()) {
                if (s.source().equals(source)) {
                    Sample sample = h.sample(s.id());
                    if (sample instanceof Sample.Skip) {
                        // some sources need two reads (CPU use is a difference between two moments)
                        try {
                            Thread.sleep(1000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        sample = h.sample(s.id());
                    }
                    return switch (sample) {
                        case Sample.Numeric n -> printDirect(out, format(n.value(), s.unit()));
                        case Sample.Text t -> printDirect(out, t.text());
                        case Sample.Skip k -> {
                            err.println("smollama-node: " + source + " gave no value on two reads a second apart");
                            yield ExitCodes.FAILURE;
                        }
                        case Sample.Failure f -> {
                            err.println("smollama-node: reading " + source + " failed: " + f.reason());
                            yield ExitCodes.FAILURE;
                        }
                    };
                }
            }
        }
        err.println("smollama-node: no running plugin offers " + source + "; see 'smollama-node sources'");
        return ExitCodes.FAILURE;
    }

    private int printDirect(PrintWriter out, String value) {
        out.println(source + " = " + value + "  (read directly; no node-agent is running)");
        return ExitCodes.OK;
    }

    static String format(Reading r) {
        return r.value() != null ? format(r.value(), r.unit()) : String.valueOf(r.text());
    }

    static String format(double v, @Nullable String unit) {
        String num = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format("%.3f", v);
        return num + (unit == null ? "" : " " + unit);
    }
}
