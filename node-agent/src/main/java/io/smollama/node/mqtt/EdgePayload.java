package io.smollama.node.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smollama.common.Json;
import io.smollama.common.Reading;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The edge readings payload of the reference project, {@code {"node", "timestamp", "readings":[{"source",
 * "value", "unit", "ts"}]}}: written by an edge node and parsed, strictly, by the nodes that ingest it.
 * Times are written as ISO-8601 UTC; on input epoch seconds (as Python's {@code time.time()} gives) and epoch
 * milliseconds are accepted too. An ingested reading keeps its type and gets the edge node's name in front of
 * its id, {@code system:cpu_temp} from {@code edge-1} becoming {@code system:edge-1/cpu_temp}, so the same
 * sensor on two edge nodes never shares a source; a source without a type gets the type {@code edge}.
 */
final class EdgePayload {

    static final int MAX_READINGS = 10_000;
    static final String UNTYPED = "edge";

    /** Why a payload was refused; the message names the field and what was expected. */
    static final class InvalidPayloadException extends Exception {
        InvalidPayloadException(String message) {
            super(message);
        }
    }

    // Python's json.dumps writes NaN and Infinity: read them so they are refused with a clear reason
    private static final ObjectReader READER = Json.mapper().reader().with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS);

    private EdgePayload() {}

    /** The payload for {@code readings} of {@code node}, published at {@code now}. */
    static byte[] format(String node, Instant now, List<Reading> readings) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("node", node);
        root.put("timestamp", now.toString());
        ArrayNode list = root.putArray("readings");
        for (Reading r : readings) {
            ObjectNode o = list.addObject();
            o.put("source", r.source());
            if (r.value() != null) {
                o.put("value", r.value());
            } else {
                o.put("value", r.text());
            }
            if (r.unit() == null) {
                o.putNull("unit");
            } else {
                o.put("unit", r.unit());
            }
            o.put("ts", r.timestamp().toString());
        }
        try {
            return Json.mapper().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an edge payload", e);
        }
    }

    /**
     * The readings of a payload received on {@code <prefix>/<topicNode>/readings}, attributed to
     * {@code topicNode}; {@code receivedAt} stands in for missing times.
     *
     * @throws InvalidPayloadException when the payload is not JSON, lacks a field, names another node than the
     *     topic, or holds a value that is neither a finite number nor a string
     */
    static List<Reading> parse(String topicNode, byte[] payload, Instant receivedAt) throws InvalidPayloadException {
        JsonNode root;
        try {
            root = READER.readTree(new String(payload, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new InvalidPayloadException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidPayloadException("expected a JSON object");
        }
        JsonNode node = root.get("node");
        if (node == null || !node.isTextual()) {
            throw new InvalidPayloadException("field 'node': expected the sender's name as a string");
        }
        if (!node.asText().equals(topicNode)) {
            throw new InvalidPayloadException(
                    "field 'node' is '" + node.asText() + "' but the topic names '" + topicNode + "'");
        }
        Instant timestamp = root.has("timestamp") ? time(root.get("timestamp"), "timestamp") : receivedAt;
        JsonNode readings = root.get("readings");
        if (readings == null || !readings.isArray()) {
            throw new InvalidPayloadException("field 'readings': expected an array");
        }
        if (readings.size() > MAX_READINGS) {
            throw new InvalidPayloadException(
                    "field 'readings': expected at most " + MAX_READINGS + ", got " + readings.size());
        }
        List<Reading> out = new ArrayList<>(readings.size());
        for (int i = 0; i < readings.size(); i++) {
            out.add(reading(topicNode, readings.get(i), "readings[" + i + "]", timestamp));
        }
        return out;
    }

    private static Reading reading(String edge, JsonNode r, String where, Instant fallback)
            throws InvalidPayloadException {
        if (!r.isObject()) {
            throw new InvalidPayloadException(where + ": expected an object");
        }
        JsonNode source = r.get("source");
        if (source == null || !source.isTextual() || source.asText().isBlank()) {
            throw new InvalidPayloadException(where + ".source: expected a string like 'system:cpu_temp'");
        }
        String full = source.asText();
        int colon = full.indexOf(':');
        String type = colon > 0 ? full.substring(0, colon) : UNTYPED;
        String id = edge + "/" + (colon > 0 ? full.substring(colon + 1) : full);
        JsonNode unitNode = r.get("unit");
        String unit = unitNode == null || unitNode.isNull() ? null : unitNode.asText();
        if (unitNode != null && !unitNode.isNull() && !unitNode.isTextual()) {
            throw new InvalidPayloadException(where + ".unit: expected a string or null");
        }
        Instant ts = r.has("ts") && !r.get("ts").isNull() ? time(r.get("ts"), where + ".ts") : fallback;
        JsonNode value = r.get("value");
        Map<String, String> meta = Map.of("via", "mqtt", "edge_source", full);
        try {
            if (value != null && value.isNumber()) {
                double v = value.asDouble();
                if (!Double.isFinite(v)) {
                    throw new InvalidPayloadException(where + ".value: expected a finite number, got " + v);
                }
                return Reading.numeric(edge, type, id, v, unit, ts, meta);
            }
            if (value != null && value.isTextual()) {
                return Reading.text(edge, type, id, value.asText(), ts, meta);
            }
            if (value != null && value.isBoolean()) {
                return Reading.numeric(edge, type, id, value.asBoolean() ? 1 : 0, unit, ts, meta);
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidPayloadException(where + ".source '" + full + "': " + e.getMessage());
        }
        throw new InvalidPayloadException(where + ".value: expected a number, a string or a boolean");
    }

    private static Instant time(JsonNode t, String field) throws InvalidPayloadException {
        if (t.isNumber()) {
            double v = t.asDouble();
            if (!Double.isFinite(v) || v < 0) {
                throw new InvalidPayloadException(field + ": expected epoch seconds or an ISO-8601 time, got " + v);
            }
            // epoch seconds until the year 5138; larger numbers are epoch milliseconds
            long millis = v < 1e11 ? Math.round(v * 1000) : Math.round(v);
            return Instant.ofEpochMilli(millis);
        }
        if (t.isTextual()) {
            try {
                return Instant.parse(t.asText());
            } catch (DateTimeParseException e) {
                // Python's datetime.isoformat() without a zone: the reference edge writes UTC
                try {
                    return LocalDateTime.parse(t.asText()).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException ignored) {
                    // reported below with the value
                }
                throw new InvalidPayloadException(
                        field + ": expected an ISO-8601 time like 2025-01-01T12:00:00Z, got '" + t.asText() + "'");
            }
        }
        throw new InvalidPayloadException(field + ": expected epoch seconds or an ISO-8601 time");
    }
}
