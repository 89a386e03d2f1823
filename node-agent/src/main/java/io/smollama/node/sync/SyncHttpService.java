package io.smollama.node.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.smollama.node.http.ApiException;
import io.smollama.node.http.JsonHttp;
import io.smollama.node.http.QueryParams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The sync API: {@code POST /api/sync/push}, {@code GET /api/sync/pull} (both need the token, see
 * {@code TokenAuth}) and {@code GET /api/sync/status}. A push with a malformed entry is refused whole (400
 * naming the entry's index and field), so a batch is merged entirely or not at all.
 */
public final class SyncHttpService implements HttpService {

    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 5_000;

    private final SyncService sync;
    private final long maxBodyBytes;

    public SyncHttpService(SyncService sync, long maxBodyBytes) {
        this.sync = sync;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/api/sync/push", this::push)
                .get("/api/sync/pull", this::pull)
                .get("/api/sync/status", (req, res) -> JsonHttp.ok(res, sync.status()));
    }

    private void push(ServerRequest req, ServerResponse res) {
        JsonHttp.ok(res, sync.receive(parsePush(JsonHttp.readObject(req, maxBodyBytes))));
    }

    static SyncMessages.PushRequest parsePush(JsonNode body) {
        JsonNode from = body.get("from");
        if (from == null || !from.isTextual() || from.asText().isBlank()) {
            throw ApiException.badRequest("field 'from' must be the pushing node's name");
        }
        JsonNode entries = body.get("entries");
        if (entries == null || !entries.isArray()) {
            throw ApiException.badRequest("field 'entries' must be an array of sync entries");
        }
        List<SyncEntry> parsed = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            try {
                parsed.add(SyncEntry.fromJson(entries.get(i)));
            } catch (SyncEntry.InvalidEntryException e) {
                throw new ApiException(400, "invalid_entry", "entries[" + i + "]." + e.getMessage());
            }
        }
        Map<String, Long> vector = null;
        JsonNode v = body.get("vector");
        if (v != null && !v.isNull()) {
            if (!v.isObject()) {
                throw ApiException.badRequest("field 'vector' must be an object of origin: seq");
            }
            vector = new LinkedHashMap<>();
            for (var e : v.properties()) {
                if (!e.getValue().isIntegralNumber() || e.getValue().asLong() < 0) {
                    throw ApiException.badRequest("field 'vector." + e.getKey() + "' must be a whole number ≥ 0");
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
            throw ApiException.badRequest("field '" + field + "' must be a string");
        }
        return n.asText();
    }

    private void pull(ServerRequest req, ServerResponse res) {
        VersionVector have;
        try {
            have = VersionVector.parse(QueryParams.string(req, "vector").orElse(""));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("query parameter 'vector': " + e.getMessage());
        }
        int limit = QueryParams.integer(req, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        String exclude = QueryParams.string(req, "exclude").orElse(null);
        JsonHttp.ok(res, sync.pull(have, limit, exclude));
    }
}
