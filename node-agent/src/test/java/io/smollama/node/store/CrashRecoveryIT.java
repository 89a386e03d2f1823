package io.smollama.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smollama.common.Json;
import io.smollama.common.NodeClient;
import io.smollama.common.Reading;
import io.smollama.node.testsupport.AgentProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real node-agent process with SIGKILL while it is writing, and checks that every reading
 * it had acknowledged (pushed over the WebSocket, which happens only after commit) is in the
 * database, and that the agent starts again on that database.
 */
class CrashRecoveryIT {

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedReadingSurvivesKill9() throws Exception {
        Path config = dir.resolve("smollama.yaml");
        Files.writeString(config, """
                node:
                  name: crash-node
                http:
                  port: 0
                  token: crash-test-token-0123456789
                storage:
                  path: %s
                  flush_interval: 20ms
                plugins:
                  system: {enabled: false}
                  gpio: {enabled: false}
                  simulated:
                    enabled: true
                    interval: 10ms
                """.formatted(dir.resolve("data")));

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try (AgentProcess agent = AgentProcess.start(config)) {
            URI ws = URI.create(agent.baseUri().toString().replaceFirst("^http", "ws") + "/ws");
            HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .buildAsync(ws, new WebSocket.Listener() {
                        final StringBuilder partial = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                            partial.append(data);
                            if (last) {
                                try {
                                    JsonNode m = Json.mapper().readTree(partial.toString());
                                    if (m.path("type").asText().equals("reading")) {
                                        Reading r = Json.mapper().treeToValue(m.path("data"), Reading.class);
                                        acknowledged.add(key(r));
                                    }
                                } catch (Exception e) {
                                    throw new AssertionError(e);
                                }
                                partial.setLength(0);
                            }
                            w.request(1);
                            return null;
                        }
                    })
                    .get(5, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (acknowledged.size() < 1500 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            agent.kill9();
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(1500);

        Set<String> stored = new HashSet<>();
        Map<String, Integer> perSource = new HashMap<>();
        for (String k : acknowledged) {
            perSource.merge(k.substring(0, k.indexOf('|')), 1, Integer::sum);
        }
        try (Database db = Database.open(dir.resolve("data"))) {
            ReadingLog log = new ReadingLog(db, java.time.Clock.systemUTC());
            for (String source : perSource.keySet()) {
                for (Reading r : log.recent(source, 1_000_000)) {
                    stored.add(key(r));
                }
            }
        }
        assertThat(stored).containsAll(acknowledged);

        try (AgentProcess again = AgentProcess.start(config)) {
            NodeClient client = new NodeClient(again.baseUri(), null, Duration.ofSeconds(5));
            assertThat(client.health().status()).isEqualTo("ok");
            assertThat(client.stats().readingsTotal()).isGreaterThanOrEqualTo(acknowledged.size());
            again.terminate();
            // the JVM reports SIGTERM as 143 even after a clean shutdown; the agent says it closed cleanly
            assertThat(again.exitCode()).isIn(0, 143);
            assertThat(again.output())
                    .as("exit code %d", again.exitCode())
                    .anyMatch(l -> l.contains("stopped cleanly"));
        }
    }

    private static String key(Reading r) {
        return r.source() + "|" + r.timestamp().toEpochMilli() + "|" + r.value() + "|" + r.text();
    }
}
