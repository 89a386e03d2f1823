package io.smollama.node.readings;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.smollama.common.Reading;
import io.smollama.common.SourceInfo;
import io.smollama.node.http.ApiException;
import io.smollama.node.http.JsonHttp;
import io.smollama.node.http.QueryParams;
import io.smollama.node.store.ReadingLog;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/sources}, {@code /api/readings}, {@code /api/readings/{source}},
 * {@code /api/readings/{source}/history} and {@code /api/stats}. A source id may contain {@code /}
 * (readings from edge nodes); clients should percent-encode it, but plain slashes work too.
 */
public final class ReadingsHttpService implements HttpService {

    static final int DEFAULT_MAX_POINTS = 500;
    static final int MAX_POINTS_LIMIT = 10_000;
    static final Duration DEFAULT_RANGE = Duration.ofHours(24);

    private final String node;
    private final ReadingLog log;
    private final ReadingSampler sampler;
    private final Clock clock;

    public ReadingsHttpService(String node, ReadingLog log, ReadingSampler sampler, Clock clock) {
        this.node = node;
        this.log = log;
        this.sampler = sampler;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/sources", (req, res) -> JsonHttp.ok(res, sources()))
                .get("/api/stats", (req, res) -> JsonHttp.ok(res, log.stats(node)))
                .get("/api/readings", (req, res) -> JsonHttp.ok(res, log.latestAll()))
                .get("/api/readings/*", this::readingOrHistory);
    }

    List<SourceInfo> sources() {
        Map<String, Reading> latest = new LinkedHashMap<>();
        for (Reading r : log.latestAll()) {
            latest.put(r.source(), r);
        }
        List<SourceInfo> out = new ArrayList<>();
        for (ReadingSampler.SourceState s : sampler.sources()) {
            var spec = s.spec();
            out.add(new SourceInfo(
                    spec.source(),
                    s.plugin(),
                    spec.numeric() ? "numeric" : "text",
                    spec.unit(),
                    spec.description(),
                    spec.interval(),
                    spec.metadata(),
                    latest.remove(spec.source())));
        }
        // sources with stored readings that no running plugin samples now (unplugged, disabled, edge nodes)
        for (Reading r : latest.values()) {
            out.add(new SourceInfo(
                    r.source(),
                    "stored",
                    r.isNumeric() ? "numeric" : "text",
                    r.unit(),
                    null,
                    Duration.ZERO,
                    r.metadata(),
                    r));
        }
        return out;
    }

    private void readingOrHistory(ServerRequest req, ServerResponse res) {
        String raw = req.path().rawPath().substring("/api/readings/".length());
        List<String> segments = new ArrayList<>();
        for (String s : raw.split("/", -1)) {
            try {
                // a path segment, not a form field: '+' is a plus sign
                segments.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("malformed percent-encoding in the source id '" + s + "'");
            }
        }
        boolean history = segments.size() > 1 && segments.getLast().equals("history");
        if (history) {
            segments.removeLast();
        }
        String source = String.join("/", segments);
        try {
            Reading.splitSource(source);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        if (log.source(source).isEmpty()) {
            throw ApiException.notFound("no readings for source '" + source + "' on this node; see /api/sources");
        }
        if (history) {
            Instant to = QueryParams.instant(req, "to")
                    .orElseGet(() -> clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            Instant from = QueryParams.instant(req, "from").orElseGet(() -> {
                Instant dayBefore = to.minus(DEFAULT_RANGE);
                return dayBefore.isBefore(Instant.EPOCH) ? Instant.EPOCH : dayBefore;
            });
            if (!from.isBefore(to)) {
                throw ApiException.badRequest("query parameter 'from' (" + from + ") must be before 'to' (" + to + ")");
            }
            int maxPoints = QueryParams.integer(req, "maxPoints", DEFAULT_MAX_POINTS, 1, MAX_POINTS_LIMIT);
            JsonHttp.ok(res, log.history(source, from, to, maxPoints));
        } else {
            JsonHttp.ok(
                    res,
                    log.latest(source)
                            .orElseThrow(() -> ApiException.notFound("no readings for source '" + source + "' yet")));
        }
    }
}
