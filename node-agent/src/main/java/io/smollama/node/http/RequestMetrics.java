package io.smollama.node.http;

import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.smollama.node.metrics.Histogram;
import io.smollama.node.metrics.MetricRegistry;
import java.util.Set;

/**
 * Times every HTTP request into {@code smollama_http_request_duration_seconds} by method, route template
 * of the OpenAPI document ({@code /api/readings/{sourceId}}, never the raw path, so ids do not multiply the
 * series) and status class ({@code 2xx} … {@code 5xx}). A path the document does not describe has route
 * {@code none}. The time runs until the response is sent, so a streamed chat answer counts whole.
 */
final class RequestMetrics implements Filter {

    static final String UNROUTED = "none";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final Histogram latency;
    private final RouteTemplates routes;

    RequestMetrics(MetricRegistry registry, RouteTemplates routes) {
        this.routes = routes;
        this.latency = registry.histogram(
                "smollama_http_request_duration_seconds",
                "HTTP requests by method, route template and status class, and how long each took to answer",
                Histogram.REQUEST_SECONDS,
                "method",
                "route",
                "status");
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        Method method = req.prologue().method();
        String route = routes.match(req.prologue().uriPath().rawPath()).orElse(UNROUTED);
        res.whenSent(() -> latency.observe(
                (System.nanoTime() - start) / 1e9,
                METHODS.contains(method.text()) ? method.text() : "other",
                route,
                res.status().code() / 100 + "xx"));
        chain.proceed();
    }
}
