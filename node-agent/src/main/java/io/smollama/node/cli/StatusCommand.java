package io.smollama.node.cli;

import io.smollama.common.ComponentHealth;
import io.smollama.common.Health;
import io.smollama.common.Json;
import io.smollama.common.NodeApiException;
import io.smollama.common.NodeClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code smollama-node status}: the running agent's health; the exit code says ok/degraded/down/unreachable. */
@Command(
        mixinStandardHelpOptions = true,
        name = "status",
        description = {
            "Show the running node-agent's health.",
            "Exit code: 0 ok, 1 degraded (something is down or failing), 2 down, 3 unreachable."
        })
final class StatusCommand implements Callable<Integer> {

    @Mixin
    AgentEndpoint endpoint;

    @Option(names = "--json", description = "print the health document as JSON")
    boolean json;

    @Option(
            names = {"-q", "--quiet"},
            description = "print nothing; only the exit code tells")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        NodeClient client = endpoint.client(err, Duration.ofSeconds(3));
        if (client == null) {
            return ExitCodes.CONFIG;
        }
        Health h;
        try (client) {
            h = client.health();
        } catch (NodeApiException e) {
            if (!quiet) {
                if (json) {
                    out.println(Json.mapper()
                            .writeValueAsString(Map.of(
                                    "status",
                                    "unreachable",
                                    "url",
                                    client.baseUri().toString(),
                                    "message",
                                    e.getMessage())));
                } else {
                    err.println("smollama-node: no node-agent answers at " + client.baseUri() + " (" + e.getMessage()
                            + ")");
                }
            }
            return ExitCodes.STATUS_UNREACHABLE;
        }
        if (!quiet) {
            if (json) {
                out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(h));
            } else {
                print(out, h);
            }
        }
        return switch (h.status()) {
            case "ok" -> ExitCodes.OK;
            case "degraded" -> ExitCodes.STATUS_DEGRADED;
            default -> ExitCodes.STATUS_DOWN;
        };
    }

    private static void print(PrintWriter out, Health h) {
        Duration up = Duration.ofSeconds(h.uptimeSeconds());
        out.printf(
                "%s (%s) v%s: %s, up %dd %02dh %02dm%n",
                h.node(),
                h.role(),
                h.version(),
                h.status().toUpperCase(),
                up.toDays(),
                up.toHoursPart(),
                up.toMinutesPart());
        int width =
                h.components().keySet().stream().mapToInt(String::length).max().orElse(8);
        for (var e : new TreeMap<>(h.components()).entrySet()) {
            ComponentHealth c = e.getValue();
            out.printf("  %-" + width + "s  %-8s %s%n", e.getKey(), c.status(), c.detail() == null ? "" : c.detail());
        }
        out.println("  "
                + String.join(
                        " · ",
                        new TreeMap<>(h.counts())
                                .entrySet().stream()
                                        .map(e -> e.getKey() + " " + e.getValue())
                                        .toList()));
    }
}
