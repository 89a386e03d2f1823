package io.smollama.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.node.BuildInfo;
import io.smollama.node.testsupport.TestNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} on a real node-agent over HTTP. */
class MetricsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    static HttpResponse<String> get(TestNode node, String path, @Nullable String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(node.uri(path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsRiseAsReadingsFlowAndHttpRequestsAreLabelledByRouteTemplate() throws Exception {
        try (TestNode node = TestNode.start(dir, """
                plugins:
                  simulated:
                    enabled: true
                    interval: 100ms
                """)) {
            node.awaitReadings("simulated:temperature", 2);
            HttpResponse<String> first = get(node, "/metrics", null);
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            Exposition before = Exposition.parse(first.body());
            double ingested = before.value("smollama_readings_ingested_total");
            assertThat(ingested).isPositive();

            node.awaitReadings("simulated:temperature", 6);
            assertThat(get(node, "/api/readings/simulated:temperature", null).statusCode())
                    .isEqualTo(200);
            assertThat(get(node, "/api/readings/simulated:humidity", null).statusCode())
                    .isEqualTo(200);
            assertThat(get(node, "/api/readings/nope:nothing", null).statusCode())
                    .isEqualTo(404);
            assertThat(get(node, "/no/such/path", null).statusCode()).isEqualTo(404);

            Exposition after = Exposition.parse(get(node, "/metrics", null).body());
            assertThat(after.value("smollama_readings_ingested_total")).isGreaterThan(ingested);
            assertThat(after.value("smollama_writer_queue_depth")).isGreaterThanOrEqualTo(0);
            assertThat(after.value("smollama_sources")).isPositive();
            assertThat(after.value("smollama_plugins", Map.of("state", "FAILED")))
                    .isZero();
            assertThat(after.value(
                            "smollama_build_info",
                            Map.of("version", BuildInfo.version(), "commit", BuildInfo.commit())))
                    .isEqualTo(1);
            assertThat(node.client().health().build()).containsEntry("commit", BuildInfo.commit());
            assertThat(after.value("smollama_websocket_clients")).isZero();
            assertThat(after.value("smollama_chat_queued_questions")).isZero();
            assertThat(after.families())
                    .containsKeys(
                            "smollama_memory_items",
                            "smollama_llm_request_duration_seconds",
                            "smollama_llm_errors_total",
                            "smollama_embed_duration_seconds",
                            "smollama_mqtt_outbox_messages",
                            "jvm_memory_used_bytes",
                            "process_cpu_seconds_total");
            var http = after.family("smollama_http_request_duration_seconds");
            assertThat(after.value(
                            "smollama_http_request_duration_seconds_count",
                            Map.of("method", "GET", "route", "/api/readings/{sourceId}", "status", "2xx")))
                    .isEqualTo(2);
            assertThat(after.value(
                            "smollama_http_request_duration_seconds_count",
                            Map.of("method", "GET", "route", "/api/readings/{sourceId}", "status", "4xx")))
                    .isEqualTo(1);
            String operations = java.nio.file.Files.readString(Path.of("..", "docs", "operations.md"));
            assertThat(after.families().keySet())
                    .as("docs/operations.md lists every metric")
                    .allSatisfy(name -> assertThat(operations).contains("`" + name + "`"));
            assertThat(http.samples())
                    .as("raw paths never become labels")
                    .noneMatch(s -> s.labels().getOrDefault("route", "").contains("simulated:"))
                    .noneMatch(s -> s.labels().getOrDefault("route", "").contains("/no/such"));
        }
    }

    @Test
    void metricsNeedTheTokenWhenReadsAreClosed() throws Exception {
        try (TestNode node = TestNode.start(dir, """
                http:
                  open_reads: false
                """)) {
            HttpResponse<String> without = get(node, "/metrics", null);
            assertThat(without.statusCode()).isEqualTo(401);
            assertThat(without.body()).contains("\"unauthorized\"").doesNotContain(TestNode.TOKEN);
            assertThat(get(node, "/metrics", "wrong-token-0123456789").statusCode())
                    .isEqualTo(401);

            HttpResponse<String> with = get(node, "/metrics", TestNode.TOKEN);
            assertThat(with.statusCode()).isEqualTo(200);
            Exposition parsed = Exposition.parse(with.body());
            assertThat(parsed.value(
                            "smollama_http_request_duration_seconds_count",
                            Map.of("method", "GET", "route", "/metrics", "status", "4xx")))
                    .isEqualTo(2);
        }
    }
}
