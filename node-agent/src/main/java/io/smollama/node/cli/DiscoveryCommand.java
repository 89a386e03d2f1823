package io.smollama.node.cli;

import io.smollama.common.Json;
import io.smollama.common.discovery.DiscoveredNode;
import io.smollama.common.discovery.DiscoveryException;
import io.smollama.common.discovery.InterfaceChooser;
import io.smollama.common.discovery.MdnsInterface;
import io.smollama.common.discovery.NodeBrowser;
import io.smollama.node.config.Durations;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code smollama-node discovery}: what mDNS shows on the LAN, without a running agent. */
@Command(
        name = "discovery",
        mixinStandardHelpOptions = true,
        description = "Find Smollama nodes on the LAN over mDNS (_smollama._tcp).",
        subcommands = {DiscoveryCommand.ListNodes.class})
final class DiscoveryCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Parses {@code 3s}, {@code 500ms}, {@code PT2S}; refuses zero, negative and more than ten minutes. */
    static final class Window implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration d = Durations.parse(value).orElse(Duration.ZERO);
            if (d.compareTo(Duration.ofMillis(200)) < 0 || d.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new CommandLine.TypeConversionException(
                        "expected a duration from 200ms to 10m like 3s or 1500ms, got '" + value + "'");
            }
            return d;
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = {
                "Browse for the given time and list every node that answered (name, role, version, URL, auth, caps).",
                "Exit code: 0 when browsing ran (even if no node answered), 1 when mDNS cannot run here."
            })
    static final class ListNodes implements Callable<Integer> {

        @Option(names = "--json", description = "print the nodes as a JSON array")
        boolean json;

        @Option(
                names = "--timeout",
                defaultValue = "3s",
                converter = Window.class,
                paramLabel = "DURATION",
                description = "how long to listen (default ${DEFAULT-VALUE})")
        Duration timeout;

        @Option(
                names = "--interface",
                defaultValue = "",
                paramLabel = "NAME|ADDRESS",
                description = "the interface or address to browse on (default: chosen like the agent does)")
        String networkInterface;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Map<String, DiscoveredNode> seen = new TreeMap<>();
            MdnsInterface on;
            try {
                on = InterfaceChooser.choose(networkInterface);
                Duration refresh = timeout.dividedBy(3).compareTo(Duration.ofSeconds(1)) > 0
                        ? Duration.ofSeconds(1)
                        : timeout.dividedBy(3);
                Duration window = refresh.dividedBy(2);
                // no node may expire inside the window: the list is of every node seen in it
                var settings = new NodeBrowser.Settings(refresh, 10_000, window);
                try (NodeBrowser browser = NodeBrowser.start(on, settings, Clock.systemUTC())) {
                    browser.addListener(new NodeBrowser.Listener() {
                        @Override
                        public void added(DiscoveredNode node) {
                            remember(node);
                        }

                        @Override
                        public void updated(DiscoveredNode node) {
                            remember(node);
                        }

                        private void remember(DiscoveredNode node) {
                            synchronized (seen) {
                                seen.put(node.name(), node);
                            }
                        }
                    });
                    Thread.sleep(timeout.toMillis());
                    synchronized (seen) {
                        browser.nodes().forEach(n -> seen.put(n.name(), n)); // the latest lastSeen
                    }
                }
            } catch (DiscoveryException e) {
                err.println("smollama-node: cannot browse: " + e.getMessage());
                return ExitCodes.FAILURE;
            }
            List<DiscoveredNode> nodes;
            synchronized (seen) {
                nodes = new ArrayList<>(seen.values());
            }
            if (json) {
                out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(nodes));
            } else if (nodes.isEmpty()) {
                err.println("no Smollama node answered within " + Durations.format(timeout) + " on " + on);
            } else {
                table(out, nodes);
            }
            return ExitCodes.OK;
        }

        private static void table(PrintWriter out, List<DiscoveredNode> nodes) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"NAME", "ROLE", "VERSION", "URL", "AUTH", "CAPS", "LAST SEEN"});
            Instant now = Instant.now();
            for (DiscoveredNode n : nodes) {
                long ago = Math.max(0, Duration.between(n.lastSeen(), now).toSeconds());
                rows.add(new String[] {
                    n.name(),
                    n.role(),
                    n.version().isEmpty() ? "-" : n.version(),
                    n.baseUrl().toString(),
                    n.auth(),
                    n.caps().isEmpty() ? "-" : String.join(",", n.caps()),
                    ago + "s ago"
                });
            }
            int[] width = new int[rows.getFirst().length];
            for (String[] r : rows) {
                for (int i = 0; i < r.length; i++) {
                    width[i] = Math.max(width[i], r[i].length());
                }
            }
            for (String[] r : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < r.length; i++) {
                    line.append(
                            String.format(Locale.ROOT, i == r.length - 1 ? "%s" : "%-" + (width[i] + 2) + "s", r[i]));
                }
                out.println(line.toString().stripTrailing());
            }
        }
    }
}
