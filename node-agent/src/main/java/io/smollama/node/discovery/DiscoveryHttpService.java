package io.smollama.node.discovery;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.smollama.node.http.ApiException;
import io.smollama.node.http.JsonHttp;

/**
 * {@code GET /api/discovery/nodes}: every node this one sees on the LAN, as a JSON array. 503 with
 * {@code discovery_disabled} or {@code discovery_unavailable} when discovery is not running.
 */
public final class DiscoveryHttpService implements HttpService {

    private final NodeDiscovery discovery;

    public DiscoveryHttpService(NodeDiscovery discovery) {
        this.discovery = discovery;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/discovery/nodes", (req, res) -> {
            try {
                JsonHttp.ok(res, discovery.nodes());
            } catch (NodeDiscovery.Unavailable e) {
                throw new ApiException(
                        503, e.disabled() ? "discovery_disabled" : "discovery_unavailable", e.getMessage());
            }
        });
    }
}
