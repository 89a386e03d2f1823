package io.smollama.node.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.smollama.common.Json;
import io.smollama.node.http.ApiException;
import io.smollama.node.http.JsonHttp;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/plugins}, {@code GET /api/actuators} and {@code POST /api/actuators/{id}}: the body
 * is a JSON object of the action's parameters, checked against its typed parameter list.
 */
public final class PluginsHttpService implements HttpService {

    private final PluginHost host;
    private final long maxBodyBytes;

    public PluginsHttpService(PluginHost host, long maxBodyBytes) {
        this.host = host;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/plugins", (req, res) -> JsonHttp.ok(res, host.status()))
                .get(
                        "/api/actuators",
                        (req, res) -> JsonHttp.ok(res, host.actuators().list()))
                .post("/api/actuators/{id}", this::act);
    }

    private void act(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id"); // already percent-decoded by the router
        JsonNode body = JsonHttp.readOptionalObject(req, maxBodyBytes);
        Map<String, Object> params = new LinkedHashMap<>();
        body.properties().forEach(e -> params.put(e.getKey(), Json.mapper().convertValue(e.getValue(), Object.class)));
        try {
            JsonHttp.ok(res, host.actuators().act(id, params));
        } catch (UnknownActuatorException e) {
            throw ApiException.notFound(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
