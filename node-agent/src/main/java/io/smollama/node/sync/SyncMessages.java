package io.smollama.node.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.smollama.node.config.NodeSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The JSON bodies of the sync API. */
final class SyncMessages {

    private SyncMessages() {}

    /**
     * {@code POST /api/sync/push}: entries from {@code from} (its API {@code url}, {@code role} and
     * {@code version} when known). {@code vector}, optional, is the pusher's own version vector: the hub
     * keeps it as that peer's cursor.
     */
    record PushRequest(
            String from,
            @Nullable String url,
            @Nullable String role,
            @Nullable String version,
            List<SyncEntry> entries,
            @Nullable Map<String, Long> vector) {}

    /** The answer to a push: how many entries were new, how many already held, and the receiver's vector. */
    record PushResponse(int accepted, int duplicates, Map<String, Long> vector) {}

    /** {@code GET /api/sync/pull}: the entries the caller lacks, in (origin, seq) order. */
    record PullResponse(String node, List<SyncEntry> entries, Map<String, Long> vector, boolean more) {}

    /** {@code GET /api/sync/status}. */
    record SyncStatus(
            boolean enabled,
            String state,
            @Nullable String hub,
            @Nullable Instant lastSync,
            @Nullable String lastError,
            long pending,
            Map<String, Long> vector,
            List<SyncPeer> peers,
            @Nullable Long lagSeconds) {}

    /** A push body that does not match the contract; the message names the field (and entry index). */
    static final class BadPushException extends RuntimeException {
        private final String code;

        BadPushException(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    /**
     * Reads and validates a push body; one malformed entry refuses the whole push.
     *
     * @throws BadPushException naming the field, e.g. {@code entries[3].seq: expected a whole number ≥ 1}
     */
    static SyncMessages.PushRequest parsePush(JsonNode body) {
        JsonNode from = body.get("from");
        if (from == null || !from.isTextual() || !from.asText().matches(NodeSchema.NODE_NAME)) {
            throw new BadPushException(
                    "bad_request",
                    "field 'from' must be the pushing node's name (lower-case letters, digits, inner '-')");
        }
        JsonNode entries = body.get("entries");
        if (entries == null || !entries.isArray()) {
            throw new BadPushException("bad_request", "field 'entries' must be an array of sync entries");
        }
        List<SyncEntry> parsed = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            try {
                parsed.add(SyncEntry.fromJson(entries.get(i)));
            } catch (SyncEntry.InvalidEntryException e) {
                throw new BadPushException("invalid_entry", "entries[" + i + "]." + e.getMessage());
            }
        }
        Map<String, Long> vector = null;
        JsonNode v = body.get("vector");
        if (v != null && !v.isNull()) {
            if (!v.isObject()) {
                throw new BadPushException("bad_request", "field 'vector' must be an object of origin: seq");
            }
            vector = new LinkedHashMap<>();
            for (var e : v.properties()) {
                if (!e.getValue().isIntegralNumber() || e.getValue().asLong() < 0) {
                    throw new BadPushException(
                            "bad_request", "field 'vector." + e.getKey() + "' must be a whole number ≥ 0");
                }
                vector.put(e.getKey(), e.getValue().asLong());
            }
        }
        return new SyncMessages.PushRequest(
                from.asText(),
                optional(body, "url"),
                optional(body, "role"),
                optional(body, "version"),
                parsed,
                vector);
    }

    private static @Nullable String optional(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new BadPushException("bad_request", "field '" + field + "' must be a string");
        }
        return n.asText();
    }
}
