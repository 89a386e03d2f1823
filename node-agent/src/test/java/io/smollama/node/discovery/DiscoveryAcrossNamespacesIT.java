package io.smollama.node.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smollama.common.Json;
import io.smollama.node.BuildInfo;
import io.smollama.node.testsupport.AgentProcess;
import io.smollama.node.testsupport.NetworkNamespaces;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mDNS across a real network: the packaged agent announces in one network namespace, a browser and
 * the {@code discovery list} command look from the other, over a veth pair.
 */
class DiscoveryAcrossNamespacesIT {

    private static final String TOKEN = "namespace-token-0123456789";

    @Test
    void aNodeInAnotherNamespaceIsFoundWithItsTxtAndDroppedOnGoodbyeAndOnSilence(@TempDir Path dir) throws Exception {
        try (NetworkNamespaces ns = NetworkNamespaces.create();
                Watch watch = Watch.start(ns.inB())) {
            Path config = dir.resolve("smollama.yaml");
            Files.writeString(config, """
                    node:
                      name: ns-hub
                      role: hub
                    http:
                      host: 0.0.0.0
                      port: 0
                      token: %s
                      open_reads: false
                    storage:
                      path: %s
                    """.formatted(TOKEN, dir.resolve("data")));

            int port;
            try (AgentProcess hub = AgentProcess.start(config, ns.inA())) {
                port = hub.baseUri().getPort();
                JsonNode added = watch.await("added", "ns-hub", Duration.ofSeconds(20));
                assertThat(added.path("role").asText()).isEqualTo("hub");
                assertThat(added.path("version").asText()).isEqualTo(BuildInfo.version());
                assertThat(added.path("apiPath").asText()).isEqualTo("/api");
                assertThat(added.path("auth").asText()).isEqualTo("token");
                // a hub runs the agent, its memory and (with no mqtt.host) the embedded broker, announced as TXT
                // mqtt=<port>
                assertThat(added.path("caps").toString()).isEqualTo("[\"readings\",\"chat\",\"memory\",\"mqtt\"]");
                assertThat(added.path("mqttPort").asInt()).isEqualTo(1883);
                assertThat(added.path("baseUrl").asText())
                        .isEqualTo("http://" + NetworkNamespaces.ADDRESS_A + ":" + port);
                assertThat(added.toString()).doesNotContain(TOKEN);

                var list = AgentProcess.run(dir, ns.inB(), List.of("discovery", "list", "--json", "--timeout", "3s"));
                assertThat(list.exitCode()).as(list.stderr()).isZero();
                JsonNode listed = Json.mapper().readTree(list.stdout());
                assertThat(listed).hasSize(1);
                assertThat(listed.get(0).path("name").asText()).isEqualTo("ns-hub");
                assertThat(listed.get(0).path("baseUrl").asText())
                        .isEqualTo(added.path("baseUrl").asText());

                var table = AgentProcess.run(dir, ns.inB(), List.of("discovery", "list", "--timeout", "2s"));
                assertThat(table.stdout())
                        .contains("NAME")
                        .contains("ns-hub")
                        .contains("http://" + NetworkNamespaces.ADDRESS_A + ":" + port);

                hub.terminate(); // a clean stop says goodbye
                long t0 = System.nanoTime();
                watch.await("removed", "ns-hub", Duration.ofSeconds(10));
                System.out.printf(
                        "discovery: removal after goodbye took %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            }

            try (AgentProcess hub = AgentProcess.start(config, ns.inA())) {
                watch.await("added", "ns-hub", Duration.ofSeconds(20));
                hub.kill9(); // no goodbye: the browser notices the silence
                long t0 = System.nanoTime();
                watch.await("removed", "ns-hub", Duration.ofSeconds(20));
                System.out.printf(
                        "discovery: removal after silence took %d ms (refresh 1 s, 3 misses)%n",
                        (System.nanoTime() - t0) / 1_000_000);
            }
        }
    }

    @Test
    void anEdgeNodeWithoutMqttHostFindsTheHubsBrokerByMdnsAndItsReadingsReachTheHub(@TempDir Path dir)
            throws Exception {
        try (NetworkNamespaces ns = NetworkNamespaces.create()) {
            Path hubConfig = dir.resolve("hub/smollama.yaml");
            Files.createDirectories(hubConfig.getParent());
            Files.writeString(hubConfig, """
                    node: {name: ns-hub, role: hub}
                    http: {host: 0.0.0.0, port: 0, token: %s, open_reads: true}
                    storage: {path: %s}
                    """.formatted(TOKEN, dir.resolve("hub/data")));
            Path edgeConfig = dir.resolve("edge/smollama.yaml");
            Files.createDirectories(edgeConfig.getParent());
            Files.writeString(edgeConfig, """
                    node: {name: ns-edge, role: edge}
                    http: {host: 0.0.0.0, port: 0, token: %s}
                    storage: {path: %s}
                    mqtt: {publish_interval: 500ms}
                    plugins: {system: {interval: 1s}}
                    """.formatted(TOKEN, dir.resolve("edge/data")));
            try (AgentProcess hub = AgentProcess.start(hubConfig, ns.inA());
                    AgentProcess edge = AgentProcess.start(edgeConfig, ns.inB())) {
                String hubUrl = "http://" + NetworkNamespaces.ADDRESS_A + ":"
                        + hub.baseUri().getPort();
                long t0 = System.nanoTime();
                long deadline = t0 + Duration.ofSeconds(40).toNanos();
                String sources = "";
                while (!sources.contains("ns-edge/") && System.nanoTime() < deadline) {
                    sources = AgentProcess.run(dir, ns.inB(), List.of("sources", "--url", hubUrl))
                            .stdout();
                }
                assertThat(sources)
                        .as("hub sources; edge output: %s", edge.output())
                        .contains("system:ns-edge/");
                System.out.printf(
                        "mqtt by discovery: edge readings on the hub %d ms after both started%n",
                        (System.nanoTime() - t0) / 1_000_000);
            }
        }
    }

    /** {@link BrowseWatch} running behind a prefix, its output lines queued. */
    static final class Watch implements AutoCloseable {
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> all = new ArrayList<>();

        private Watch(Process process) {
            this.process = process;
        }

        static Watch start(List<String> prefix) throws IOException {
            List<String> cmd = new ArrayList<>(prefix);
            cmd.addAll(List.of(
                    AgentProcess.javaBinary(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    BrowseWatch.class.getName(),
                    "1000",
                    "3"));
            Watch w =
                    new Watch(new ProcessBuilder(cmd).redirectErrorStream(true).start());
            Thread reader = new Thread(
                    () -> {
                        try (BufferedReader r = new BufferedReader(
                                new InputStreamReader(w.process.getInputStream(), StandardCharsets.UTF_8))) {
                            String line;
                            while ((line = r.readLine()) != null) {
                                w.lines.add(line);
                            }
                        } catch (IOException e) {
                            w.lines.add("reader failed: " + e);
                        }
                    },
                    "browse-watch-output");
            reader.setDaemon(true);
            reader.start();
            return w;
        }

        /** The next {@code kind} event about {@code name}, skipping others; fails after {@code within}. */
        JsonNode await(String kind, String name, Duration within) throws Exception {
            long deadline = System.nanoTime() + within.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
                if (line == null) {
                    throw new AssertionError("no '" + kind + " " + name + "' within " + within + "; the browser said:\n"
                            + String.join("\n", all));
                }
                all.add(line);
                if (line.startsWith(kind + " ")) {
                    JsonNode node = Json.mapper().readTree(line.substring(kind.length() + 1));
                    if (node.path("name").asText().equals(name)) {
                        return node;
                    }
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.toHandle().destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
