package io.smollama.node.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.smollama.common.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Push and pull over HTTP with the bearer token. A connection that cannot be made or times out is
 * {@link SyncException#unreachable}; an error status is a rejection whose message says what the hub
 * answered (a 401 names the token setting to check, never the token).
 */
final class HttpSyncTransport implements SyncTransport {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI api;
    private final String token;

    /** {@code api} is the peer's API root, e.g. {@code http://hub:8080/api}. */
    HttpSyncTransport(HttpClient http, URI api, String token) {
        this.http = http;
        this.api = api;
        this.token = token;
    }

    @Override
    public SyncMessages.PushResponse push(SyncMessages.PushRequest request) throws SyncException {
        byte[] body;
        try {
            body = Json.mapper().writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        JsonNode n = call(HttpRequest.newBuilder(resolve("/sync/push"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        return new SyncMessages.PushResponse(
                n.path("accepted").asInt(), n.path("duplicates").asInt(), vector(n.path("vector")));
    }

    @Override
    public SyncMessages.PullResponse pull(VersionVector have, int limit, String exclude) throws SyncException {
        String query = "?vector=" + URLEncoder.encode(have.format(), StandardCharsets.UTF_8) + "&limit=" + limit
                + "&exclude=" + URLEncoder.encode(exclude, StandardCharsets.UTF_8);
        JsonNode n = call(HttpRequest.newBuilder(resolve("/sync/pull" + query)).GET());
        List<SyncEntry> entries = new ArrayList<>();
        int i = 0;
        for (JsonNode e : n.path("entries")) {
            try {
                entries.add(SyncEntry.fromJson(e));
            } catch (SyncEntry.InvalidEntryException ex) {
                throw SyncException.rejected(
                        describe() + " sent an invalid entry (entries[" + i + "]." + ex.getMessage() + ")");
            }
            i++;
        }
        return new SyncMessages.PullResponse(
                n.path("node").asText(""),
                entries,
                vector(n.path("vector")),
                n.path("more").asBoolean());
    }

    @Override
    public String describe() {
        return api.toString();
    }

    private URI resolve(String path) {
        return URI.create(api.toString().replaceAll("/+$", "") + path);
    }

    private JsonNode call(HttpRequest.Builder b) throws SyncException {
        HttpRequest req = b.timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .build();
        HttpResponse<byte[]> res;
        try {
            res = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw SyncException.unreachable(api + " is unreachable: " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SyncException.unreachable("interrupted while calling " + api);
        }
        JsonNode n;
        try {
            n = Json.mapper().readTree(res.body());
        } catch (IOException e) {
            n = null;
        }
        if (res.statusCode() == 401) {
            throw SyncException.rejected(api + " refused this node's token (401 unauthorized): set sync.token to the"
                    + " hub's API token (or the same http.token on both)");
        }
        if (res.statusCode() / 100 != 2) {
            String msg = n == null ? "" : n.path("error").path("message").asText("");
            throw SyncException.rejected(api + " answered " + res.statusCode() + (msg.isEmpty() ? "" : ": " + msg));
        }
        if (n == null || !n.isObject()) {
            throw SyncException.rejected(api + " answered " + res.statusCode() + " without a JSON object");
        }
        return n;
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : " (" + m + ")");
    }

    static Map<String, Long> vector(JsonNode n) {
        Map<String, Long> m = new LinkedHashMap<>();
        n.properties().forEach(e -> m.put(e.getKey(), e.getValue().asLong()));
        return m;
    }
}
