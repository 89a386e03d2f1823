package io.smollama.node.sync;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.smollama.node.http.ApiException;
import io.smollama.node.http.JsonHttp;
import io.smollama.node.http.QueryParams;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
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
        SyncMessages.PushRequest push;
        try {
            push = SyncMessages.parsePush(JsonHttp.readObject(req, maxBodyBytes));
        } catch (SyncMessages.BadPushException e) {
            throw new ApiException(400, e.code(), e.getMessage());
        }
        @Nullable InetAddress from = req.remotePeer().address() instanceof InetSocketAddress a ? a.getAddress() : null;
        String url = reachableUrl(push.url(), from);
        if (!java.util.Objects.equals(url, push.url())) {
            push = new SyncMessages.PushRequest(
                    push.from(), url, push.role(), push.version(), push.entries(), push.vector());
        }
        try {
            JsonHttp.ok(res, sync.receive(push));
        } catch (SyncLog.ConflictException e) {
            throw new ApiException(409, "sync_conflict", e.getMessage());
        }
    }

    /**
     * The URL a pushing node can be reached at: a node bound to every interface reports a loopback
     * address, which on the hub names the hub itself, so the host becomes the address the push came
     * from (keeping the reported scheme and port). Other URLs are kept as reported.
     */
    static @Nullable String reachableUrl(@Nullable String reported, @Nullable InetAddress from) {
        if (reported == null || from == null || from.isLoopbackAddress()) {
            return reported;
        }
        try {
            URI u = new URI(reported);
            String host = u.getHost();
            if (host == null) {
                return reported;
            }
            String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            boolean local = bare.equalsIgnoreCase("localhost")
                    || (bare.matches("[0-9.]+|[0-9a-fA-F:]+") && isLocal(InetAddress.getByName(bare)));
            if (!local) {
                return reported;
            }
            String address = from.getHostAddress();
            int zone = address.indexOf('%');
            if (zone >= 0) {
                address = address.substring(0, zone);
            }
            return new URI(u.getScheme(), null, address, u.getPort(), u.getPath(), null, null).toString();
        } catch (URISyntaxException | IllegalArgumentException | java.net.UnknownHostException e) {
            return reported;
        }
    }

    private static boolean isLocal(InetAddress a) {
        return a.isLoopbackAddress() || a.isAnyLocalAddress();
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
