package io.smollama.node.sync;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.smollama.node.http.ApiException;
import io.smollama.node.http.JsonHttp;
import io.smollama.node.http.QueryParams;

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
        SyncMessages.PushRequest push;
        try {
            push = SyncMessages.parsePush(JsonHttp.readObject(req, maxBodyBytes));
        } catch (SyncMessages.BadPushException e) {
            throw new ApiException(400, e.code(), e.getMessage());
        }
        JsonHttp.ok(res, sync.receive(push));
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
