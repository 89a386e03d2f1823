package io.smollama.node.metrics;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics}: the registry in Prometheus text format 0.0.4. A read like any other: open when
 * {@code http.open_reads} is on, else it needs the token (Prometheus sends it with {@code authorization}).
 */
public final class MetricsHttpService implements HttpService {

    private final MetricRegistry registry;

    public MetricsHttpService(MetricRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/metrics", (req, res) -> {
            res.header(HeaderNames.CONTENT_TYPE, MetricRegistry.contentType());
            res.header(HeaderNames.CACHE_CONTROL, "no-store");
            res.send(registry.scrape().getBytes(StandardCharsets.UTF_8));
        });
    }
}
