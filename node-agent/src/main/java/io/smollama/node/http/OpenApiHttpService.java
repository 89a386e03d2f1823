package io.smollama.node.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.smollama.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** {@code GET /openapi}: the API description, as YAML, or as JSON with {@code ?format=json}. */
public final class OpenApiHttpService implements HttpService {

    private final byte[] yaml;
    private final byte[] json;
    private final List<String> paths;

    public OpenApiHttpService() {
        try (InputStream in = OpenApiHttpService.class.getResourceAsStream("openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the node-agent jar");
            }
            yaml = in.readAllBytes();
            Object tree = new Yaml().load(new String(yaml, StandardCharsets.UTF_8));
            paths = tree instanceof Map<?, ?> root && root.get("paths") instanceof Map<?, ?> p
                    ? p.keySet().stream().map(String::valueOf).toList()
                    : List.of();
            json = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The path templates the document describes, e.g. {@code /api/readings/{sourceId}}, in its order. */
    public List<String> paths() {
        return paths;
    }

    /** The document as JSON (for tools that render it). */
    public byte[] json() {
        return json.clone();
    }

    /** The document as parsed YAML (for tests and tools). */
    public static String document() {
        return new String(new OpenApiHttpService().yaml, StandardCharsets.UTF_8);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/openapi", (req, res) -> {
            boolean wantsJson = req.query()
                            .first("format")
                            .asOptional()
                            .map("json"::equalsIgnoreCase)
                            .orElse(false)
                    || req.headers()
                            .first(HeaderNames.ACCEPT)
                            .map(a -> a.contains("application/json"))
                            .orElse(false);
            res.header(HeaderNames.CONTENT_TYPE, wantsJson ? "application/json" : "application/yaml");
            res.send(wantsJson ? json : yaml);
        });
    }
}
