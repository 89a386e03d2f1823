package io.smollama.node.testsupport;

import io.smollama.common.NodeClient;
import io.smollama.node.AgentConfig;
import io.smollama.node.NodeAgent;
import io.smollama.node.config.ConfigRequest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A real node-agent in the test's JVM: config written to files and loaded through the real loader,
 * HTTP on a free loopback port, data in the given directory. {@code yaml} is written as the local
 * overlay, so a test states only what it changes. Discovery is off unless the overlay turns it on,
 * so tests do not announce themselves to each other (or to the LAN).
 */
public final class TestNode implements AutoCloseable {

    public static final String TOKEN = "test-token-0123456789abcdef";

    private final AgentConfig config;
    private final NodeAgent agent;
    private final NodeClient client;

    private TestNode(AgentConfig config, NodeAgent agent) {
        this.config = config;
        this.agent = agent;
        this.client = new NodeClient(agent.baseUri(), TOKEN, Duration.ofSeconds(10));
    }

    public static TestNode start(Path dir, String overlayYaml) throws Exception {
        Files.createDirectories(dir);
        Path main = dir.resolve("smollama.yaml");
        Files.writeString(main, """
                node:
                  name: test-node
                  role: node
                http:
                  host: 127.0.0.1
                  port: 0
                  token: %s
                storage:
                  path: %s
                  flush_interval: 50ms
                plugins:
                  system:
                    interval: 1s
                discovery:
                  enabled: false
                mqtt:
                  port: 0
                """.formatted(TOKEN, dir.resolve("data")));
        Files.writeString(dir.resolve("smollama.local.yaml"), overlayYaml);
        AgentConfig cfg = AgentConfig.load(new ConfigRequest(main, dir, dir, Map.of()));
        try {
            return new TestNode(cfg, NodeAgent.start(cfg, Clock.systemUTC()));
        } catch (Exception e) {
            cfg.close();
            throw e;
        }
    }

    public NodeAgent agent() {
        return agent;
    }

    /** An authenticated client. */
    public NodeClient client() {
        return client;
    }

    public URI uri(String path) {
        return URI.create(agent.baseUri() + path);
    }

    /** Waits until the node has stored at least {@code count} readings of a source (10 s at most). */
    public void awaitReadings(String source, long count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Long stored = client.stats().readingsBySource().get(source);
            if (stored != null && stored >= count) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("node stored fewer than " + count + " readings of " + source + " within 10 s; has "
                + client.stats().readingsBySource());
    }

    @Override
    public void close() {
        agent.close();
        config.close();
    }
}
