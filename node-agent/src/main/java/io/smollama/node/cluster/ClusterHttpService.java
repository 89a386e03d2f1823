package io.smollama.node.cluster;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.smollama.common.Observation;
import io.smollama.common.RecallQuery;
import io.smollama.node.config.NodeSchema;
import io.smollama.node.http.ApiException;
import io.smollama.node.http.JsonHttp;
import io.smollama.node.http.QueryParams;
import io.smollama.node.memory.MemoryException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The cluster views: {@code GET /api/cluster/nodes}, {@code /api/cluster/readings}, {@code /api/cluster/stats} (fanned
 * out to every member, cached briefly) and {@code /api/cluster/observations} (this node's merged store). Reads: open
 * when the node's reads are.
 */
public final class ClusterHttpService implements HttpService {

    static final int DEFAULT_LIMIT = 20;

    private final ClusterView view;

    public ClusterHttpService(ClusterView view) {
        this.view = view;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/cluster/nodes", (req, res) -> JsonHttp.ok(res, view.nodes()))
                .get("/api/cluster/readings", (req, res) -> JsonHttp.ok(res, view.readings()))
                .get("/api/cluster/stats", (req, res) -> JsonHttp.ok(res, view.stats()))
                .get("/api/cluster/observations", this::observations);
    }

    private void observations(ServerRequest req, ServerResponse res) {
        @Nullable String query = QueryParams.string(req, "query").orElse(null);
        int limit = QueryParams.integer(req, "limit", DEFAULT_LIMIT, 1, RecallQuery.MAX_LIMIT);
        @Nullable String type = QueryParams.string(req, "type").orElse(null);
        if (type != null && !Observation.TYPES.contains(type)) {
            throw ApiException.badRequest(
                    "query parameter 'type' must be one of " + Observation.TYPES + ", got '" + type + "'");
        }
        @Nullable Instant since = QueryParams.instant(req, "since").orElse(null);
        @Nullable String node = QueryParams.string(req, "node").orElse(null);
        if (node != null && !node.matches(NodeSchema.NODE_NAME)) {
            throw ApiException.badRequest("query parameter 'node' must be a node name (lower-case letters, digits and"
                    + " inner '-'), got '" + node + "'");
        }
        try {
            JsonHttp.ok(
                    res,
                    view.observations(query, limit, type, since, node)
                            .orElseThrow(() -> new ApiException(
                                    503, "memory_unavailable", "this node keeps no memory (an edge node)")));
        } catch (MemoryException e) {
            throw new ApiException(503, "embedder_unavailable", e.getMessage());
        }
    }
}
