package io.smollama.node.health;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.smollama.common.Health;
import io.smollama.node.http.JsonHttp;

/** {@code GET /api/health}: 200 while the node records data (ok or degraded), 503 when it is down. */
public final class HealthHttpService implements HttpService {

    private final HealthReport report;

    public HealthHttpService(HealthReport report) {
        this.report = report;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/health", (req, res) -> {
            Health h = report.current();
            JsonHttp.send(res, h.status().equals("down") ? 503 : 200, h);
        });
    }
}
