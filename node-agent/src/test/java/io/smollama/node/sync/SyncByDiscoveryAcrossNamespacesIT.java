package io.smollama.node.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smollama.node.testsupport.AgentProcess;
import io.smollama.node.testsupport.NetworkNamespaces;
import io.smollama.node.testsupport.RelayedHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zero-config sync the way a user runs it: the packaged agent as a hub in one network namespace, a node with
 * {@code sync.enabled} and no {@code sync.hub_url} in the other, joined by a veth pair; the node finds the hub by
 * mDNS and follows it when it stops and comes back at another address or port, without a restart.
 */
class SyncByDiscoveryAcrossNamespacesIT {

    private static final String TOKEN = "namespace-sync-token-0123456789";

    @TempDir
    Path dir;

    private static Path write(Path dir, String name, String yaml) throws Exception {
        Path config = dir.resolve(name + "/smollama.yaml");
        Files.createDirectories(config.getParent());
        Files.writeString(config, yaml);
        return config;
    }

    /**
     * Asks {@code url} through the relay until {@code until} holds (25 s at most: a hub that restarts under the same
     * name is seen with its new port at the browser's next refresh, every 10 s, not from its announcement).
     */
    private static JsonNode await(RelayedHttp http, String url, Predicate<JsonNode> until) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(25).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            RelayedHttp.Response r = http.get(url);
            last = r.status() + " " + r.body();
            if (r.status() == 200 && until.test(r.json())) {
                return r.json();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting on " + url + "; last: " + last);
    }

    /** Remembers a fact on the node, waiting out the embedder's first load (503 until then). */
    private static void remember(RelayedHttp http, String node, String fact) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        RelayedHttp.Response r = http.send("POST", node + "/api/memories", "{\"fact\":\"" + fact + "\"}");
        while (r.status() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            r = http.send("POST", node + "/api/memories", "{\"fact\":\"" + fact + "\"}");
        }
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    @Test
    void aNodeWithoutHubUrlSyncsToTheHubDiscoveryFindsAndFollowsItWhenItComesBackAtAnotherAddress() throws Exception {
        try (NetworkNamespaces ns = NetworkNamespaces.create();
                RelayedHttp http = RelayedHttp.start(ns.inB(), TOKEN)) {
            Path hubConfig = write(dir, "hub", """
                    node: {name: ns-hub, role: hub}
                    http: {host: 0.0.0.0, port: 0, token: %s}
                    storage: {path: %s}
                    observe: {enabled: false}
                    """.formatted(TOKEN, dir.resolve("hub/data")));
            Path nodeConfig = write(dir, "node", """
                    node: {name: ns-node, role: node}
                    http: {host: 0.0.0.0, port: 0, token: %s}
                    storage: {path: %s}
                    observe: {enabled: false}
                    sync: {enabled: true, interval: 2s}
                    """.formatted(TOKEN, dir.resolve("node/data")));

            try (AgentProcess node = AgentProcess.start(nodeConfig, ns.inB())) {
                String nodeUrl = "http://127.0.0.1:" + node.baseUri().getPort();
                String firstHub;
                try (AgentProcess hub = AgentProcess.start(hubConfig, ns.inA())) {
                    firstHub = "http://" + NetworkNamespaces.ADDRESS_A + ":"
                            + hub.baseUri().getPort();
                    remember(http, nodeUrl, "The north gate sticks when it rains");
                    await(http, firstHub + "/api/memories", m -> m.toString()
                            .contains("The north gate sticks when it rains"));
                    JsonNode idle = await(
                            http,
                            nodeUrl + "/api/sync/status",
                            s -> s.path("state").asText().equals("idle")
                                    && s.path("pending").asLong() == 0);
                    assertThat(idle.path("hub").asText()).isEqualTo(firstHub + "/api");
                    // the hub lists the node at its LAN address (it reports loopback), known by sync and discovery
                    String lanUrl = "http://" + NetworkNamespaces.ADDRESS_B + ":"
                            + node.baseUri().getPort();
                    await(http, firstHub + "/api/cluster/nodes", v -> {
                        for (JsonNode n : v.path("nodes")) {
                            if (n.path("node").asText().equals("ns-node")) {
                                return n.path("url").asText().equals(lanUrl)
                                        && n.path("state").asText().equals("reachable")
                                        && n.path("via").toString().contains("sync")
                                        && n.path("via").toString().contains("discovery");
                            }
                        }
                        return false;
                    });
                    hub.terminate(); // says goodbye on the LAN
                }

                remember(http, nodeUrl, "The well pump hums louder at night");
                JsonNode offline = await(
                        http,
                        nodeUrl + "/api/sync/status",
                        s -> s.path("state").asText().equals("offline")
                                && s.path("pending").asLong() > 0);
                assertThat(offline.path("lastError").asText()).isNotBlank();

                // the hub comes back at another address (the old one is gone) and port
                ns.moveA();
                Files.writeString(
                        hubConfig,
                        Files.readString(hubConfig) + "discovery: {interface: " + NetworkNamespaces.ADDRESS_A2 + "}\n");
                try (AgentProcess hub = AgentProcess.start(hubConfig, ns.inA())) {
                    String secondHub = "http://" + NetworkNamespaces.ADDRESS_A2 + ":"
                            + hub.baseUri().getPort();
                    System.out.printf("sync by discovery: hub moved from %s to %s%n", firstHub, secondHub);
                    await(http, secondHub + "/api/memories", m -> m.toString()
                            .contains("The well pump hums louder at night"));
                    await(
                            http,
                            nodeUrl + "/api/sync/status",
                            s -> s.path("state").asText().equals("idle")
                                    && s.path("pending").asLong() == 0
                                    && s.path("hub").asText().equals(secondHub + "/api"));
                }
            }
        }
    }

    @Test
    void aNodeFollowsAHubThatWasKilledWithoutGoodbyeAndRestartsOnAnotherPort() throws Exception {
        try (NetworkNamespaces ns = NetworkNamespaces.create();
                RelayedHttp http = RelayedHttp.start(ns.inB(), TOKEN)) {
            Path hubConfig = write(dir, "hub", """
                    node: {name: ns-hub, role: hub}
                    http: {host: 0.0.0.0, port: 0, token: %s}
                    storage: {path: %s}
                    observe: {enabled: false}
                    """.formatted(TOKEN, dir.resolve("hub/data")));
            Path nodeConfig = write(dir, "node", """
                    node: {name: ns-node, role: node}
                    http: {host: 0.0.0.0, port: 0, token: %s}
                    storage: {path: %s}
                    observe: {enabled: false}
                    sync: {enabled: true, interval: 2s}
                    """.formatted(TOKEN, dir.resolve("node/data")));

            try (AgentProcess hub = AgentProcess.start(hubConfig, ns.inA());
                    AgentProcess node = AgentProcess.start(nodeConfig, ns.inB())) {
                String nodeUrl = "http://127.0.0.1:" + node.baseUri().getPort();
                remember(http, nodeUrl, "The north gate sticks when it rains");
                await(
                        http,
                        nodeUrl + "/api/sync/status",
                        s -> s.path("state").asText().equals("idle")
                                && s.path("pending").asLong() == 0);
                hub.kill9(); // a power cut: no goodbye, discovery still lists it for a while

                remember(http, nodeUrl, "The well pump hums louder at night");
                await(
                        http,
                        nodeUrl + "/api/sync/status",
                        s -> s.path("state").asText().equals("offline")
                                && s.path("pending").asLong() > 0);

                try (AgentProcess back = AgentProcess.start(hubConfig, ns.inA())) {
                    String hubUrl = "http://" + NetworkNamespaces.ADDRESS_A + ":"
                            + back.baseUri().getPort();
                    long t0 = System.nanoTime();
                    await(http, hubUrl + "/api/memories", m -> m.toString()
                            .contains("The well pump hums louder at night"));
                    System.out.printf(
                            "sync by discovery: entries on the restarted hub %d ms after it was ready%n",
                            (System.nanoTime() - t0) / 1_000_000);
                    assertThat(await(
                                            http,
                                            nodeUrl + "/api/sync/status",
                                            s -> s.path("pending").asLong() == 0)
                                    .path("hub")
                                    .asText())
                            .isEqualTo(hubUrl + "/api");
                }
            }
        }
    }
}
