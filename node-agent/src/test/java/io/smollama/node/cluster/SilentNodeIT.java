package io.smollama.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.common.Json;
import io.smollama.common.cluster.ClusterNode;
import io.smollama.common.cluster.ClusterNodes;
import io.smollama.common.cluster.ClusterReadings;
import io.smollama.node.testsupport.TestNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configured member that accepts connections but never answers (a hung node): the views still answer, with the
 * member offline (it was never heard) and its error a timeout.
 */
class SilentNodeIT {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private <T> T get(TestNode node, String path, Class<T> type) throws Exception {
        HttpResponse<String> res =
                http.send(HttpRequest.newBuilder(node.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return Json.mapper().readValue(res.body(), type);
    }

    @Test
    void aNodeThatNeverAnswersIsLeftOutAfterTheTimeoutAndTheViewStillAnswers() throws Exception {
        // connections complete in the kernel's backlog; nothing ever reads or answers them
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                TestNode hub = TestNode.start(dir, """
                        node: {name: hub-1, role: hub}
                        cluster: {nodes: ["http://127.0.0.1:%d"], timeout: 300ms}
                        observe: {enabled: false}
                        memory: {embedder: ollama}
                        """.formatted(silent.getLocalPort()))) {
            ClusterNodes nodes = get(hub, "/api/cluster/nodes", ClusterNodes.class);

            assertThat(nodes.nodes())
                    .extracting(ClusterNode::node)
                    .containsExactly("127.0.0.1:" + silent.getLocalPort(), "hub-1");
            ClusterNode hung = nodes.nodes().getFirst();
            assertThat(hung.state()).isEqualTo(ClusterNode.OFFLINE);
            assertThat(hung.error().code()).isEqualTo("timeout");
            assertThat(hung.error().message()).contains("did not answer within 300 ms");
            assertThat(hung.via()).containsExactly(ClusterMember.CONFIG);
            assertThat(nodes.nodes().getLast().state()).isEqualTo(ClusterNode.REACHABLE);

            ClusterReadings readings = get(hub, "/api/cluster/readings", ClusterReadings.class);
            assertThat(readings.errors()).singleElement().satisfies(e -> assertThat(e.code())
                    .isEqualTo("offline"));
        }
    }

    @Test
    void theOpenApiDocumentDescribesTheClusterViews() throws Exception {
        try (TestNode node = TestNode.start(dir, "observe: {enabled: false}\nmemory: {embedder: ollama}\n")) {
            var doc = Json.mapper()
                    .readTree(http.send(
                                    HttpRequest.newBuilder(node.uri("/openapi?format=json"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body());
            assertThat(doc.path("paths").fieldNames())
                    .toIterable()
                    .contains(
                            "/api/cluster/nodes",
                            "/api/cluster/readings",
                            "/api/cluster/stats",
                            "/api/cluster/observations");
            assertThat(doc.path("components").path("schemas").has("ClusterNodes"))
                    .isTrue();
        }
    }
}
