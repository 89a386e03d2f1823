package io.smollama.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTemplatesTest {

    private final RouteTemplates routes = new RouteTemplates(new OpenApiHttpService().paths());

    @Test
    void aPathWithAnIdMapsToItsTemplate() {
        assertThat(routes.match("/api/readings/system:load_1m")).hasValue("/api/readings/{sourceId}");
        assertThat(routes.match("/api/readings/system:load_1m/history")).hasValue("/api/readings/{sourceId}/history");
        assertThat(routes.match("/api/readings/gpio:a%2Fb/history")).hasValue("/api/readings/{sourceId}/history");
        assertThat(routes.match("/api/memories/3f2a")).hasValue("/api/memories/{id}");
    }

    @Test
    void literalPathsMatchThemselvesAndWinOverTemplates() {
        RouteTemplates r = new RouteTemplates(List.of("/api/chat/{sessionId}", "/api/chat/latest", "/api/chat"));
        assertThat(r.match("/api/chat/latest")).hasValue("/api/chat/latest");
        assertThat(r.match("/api/chat/abc")).hasValue("/api/chat/{sessionId}");
        assertThat(r.match("/api/chat")).hasValue("/api/chat");
        assertThat(routes.match("/metrics")).hasValue("/metrics");
    }

    @Test
    void unknownPathsAndEmptySegmentsMatchNothing() {
        assertThat(routes.match("/no/such/path")).isEmpty();
        assertThat(routes.match("/api/readings/")).isEmpty();
        assertThat(routes.match("/api/readings/a/b/c")).isEmpty();
    }
}
