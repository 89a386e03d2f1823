package io.smollama.node.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smollama.common.History;
import io.smollama.common.HistoryPoint;
import io.smollama.common.Json;
import io.smollama.common.Reading;
import io.smollama.node.config.Durations;
import io.smollama.node.readings.ReadingSampler;
import io.smollama.node.store.ReadingLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tools that read sensors: {@code list_sources}, {@code read_source}, {@code get_reading_history}. */
final class ReadingTools {

    static final int HISTORY_POINTS = 24;

    private final ReadingLog log;
    private final ReadingSampler sampler;
    private final Clock clock;

    ReadingTools(ReadingLog log, ReadingSampler sampler, Clock clock) {
        this.log = log;
        this.sampler = sampler;
        this.clock = clock;
    }

    List<AgentTool> tools() {
        return List.of(
                new FunctionTool(
                        "list_sources",
                        "Lists every sensor source of this node with its id (type:id), unit, description and latest"
                                + " value. Call it first when you do not know the source ids.",
                        List.of(),
                        args -> listSources()),
                new FunctionTool(
                        "read_source",
                        "Reads the latest value of one sensor source, with its unit and UTC time.",
                        List.of(ToolParameter.string(
                                "source", "Source id of the form type:id, e.g. system:cpu_temp", true)),
                        args -> readSource(args.get("source").asText())),
                new FunctionTool(
                        "get_reading_history",
                        "Summarises a numeric source over a past window: min, max and average, the number of"
                                + " readings, and up to " + HISTORY_POINTS + " averaged points (oldest first).",
                        List.of(
                                ToolParameter.string("source", "Source id of the form type:id", true),
                                ToolParameter.string(
                                        "window", "How far back from now, like 30m, 6h or 7d (default 24h)", false)),
                        this::history));
    }

    private String listSources() throws JsonProcessingException {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        for (ReadingSampler.SourceState s : sampler.sources()) {
            ObjectNode o = Json.mapper().createObjectNode();
            o.put("source", s.spec().source());
            o.put("unit", s.spec().unit());
            o.put("description", s.spec().description());
            out.put(s.spec().source(), o);
        }
        for (Reading r : log.latestAll()) {
            ObjectNode o = out.computeIfAbsent(r.source(), k -> {
                ObjectNode fresh = Json.mapper().createObjectNode();
                fresh.put("source", k);
                fresh.put("unit", r.unit());
                return fresh;
            });
            putValue(o, r);
        }
        ArrayNode array = Json.mapper().createArrayNode();
        out.values().forEach(array::add);
        return Json.mapper().writeValueAsString(array);
    }

    private String readSource(String source) throws JsonProcessingException {
        Reading.splitSource(source);
        Reading r = log.latest(source)
                .orElseThrow(() -> new IllegalArgumentException(
                        "no readings for source '" + source + "'; call list_sources for the ids"));
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("source", r.source());
        putValue(o, r);
        o.put("unit", r.unit());
        return Json.mapper().writeValueAsString(o);
    }

    private static void putValue(ObjectNode o, Reading r) {
        if (r.value() != null) {
            o.put("value", r.value());
        } else {
            o.put("text", r.text());
        }
        o.put("time", r.timestamp().toString());
    }

    private String history(JsonNode args) throws JsonProcessingException {
        String source = args.get("source").asText();
        Reading.splitSource(source);
        String windowText = args.hasNonNull("window") ? args.get("window").asText() : "24h";
        Duration window = Durations.parse(windowText)
                .filter(d -> !d.isNegative() && !d.isZero())
                .orElseThrow(() -> new IllegalArgumentException(
                        "window '" + windowText + "' is not a duration like 30m, 6h or 7d"));
        if (log.source(source).isEmpty()) {
            throw new IllegalArgumentException("no readings for source '" + source + "'; call list_sources");
        }
        Instant to = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant from = to.minus(window);
        History h = log.history(source, from.isBefore(Instant.EPOCH) ? Instant.EPOCH : from, to, HISTORY_POINTS);
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("source", source);
        o.put("from", h.from().toString());
        o.put("to", h.to().toString());
        long count = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        ArrayNode points = Json.mapper().createArrayNode();
        for (HistoryPoint p : h.points()) {
            count += p.count();
            min = Math.min(min, p.min());
            max = Math.max(max, p.max());
            sum += p.avg() * p.count();
            points.addObject().put("time", p.timestamp().toString()).put("avg", round(p.avg()));
        }
        o.put("count", count);
        if (count > 0) {
            o.put("min", round(min));
            o.put("max", round(max));
            o.put("avg", round(sum / count));
        }
        log.latest(source).map(Reading::unit).ifPresent(u -> o.put("unit", u));
        o.set("points", points);
        return Json.mapper().writeValueAsString(o);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
