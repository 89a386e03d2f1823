package io.smollama.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A typed client for one node's HTTP API. Thread-safe. Every failure surfaces as
 * {@link NodeApiException}: either the node's JSON error, or "unreachable" with the cause.
 */
public final class NodeClient implements AutoCloseable {

    private final URI base;
    private final @Nullable String token;
    private final HttpClient http;
    private final Duration timeout;

    public NodeClient(URI base, @Nullable String token, Duration timeout) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.token = token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * Releases the client's connections and threads at once: a call still under way (a chat answer
     * that is streaming) ends with a {@link NodeApiException} instead of keeping the caller, often the
     * console's FX thread or a shutdown, waiting for it ({@link HttpClient#close} would).
     */
    @Override
    public void close() {
        http.shutdownNow();
    }

    public URI baseUri() {
        return base;
    }

    /** The node's health; a node that reports itself down (503 with its health document) is returned too. */
    public Health health() {
        return send("GET", "/api/health", null, Json.mapper().constructType(Health.class), true);
    }

    public NodeStats stats() {
        return get("/api/stats", NodeStats.class);
    }

    public List<SourceInfo> sources() {
        return get("/api/sources", new TypeReference<List<SourceInfo>>() {});
    }

    public List<Reading> latestReadings() {
        return get("/api/readings", new TypeReference<List<Reading>>() {});
    }

    /** The latest reading of a source, or empty when the node has none yet. */
    public Optional<Reading> latest(String source) {
        try {
            return Optional.of(get("/api/readings/" + encode(source), Reading.class));
        } catch (NodeApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public History history(String source, Instant from, Instant to, int maxPoints) {
        return get(
                "/api/readings/" + encode(source) + "/history?from=" + from + "&to=" + to + "&maxPoints=" + maxPoints,
                History.class);
    }

    public List<ActuatorInfo> actuators() {
        return get("/api/actuators", new TypeReference<List<ActuatorInfo>>() {});
    }

    public List<PluginInfo> plugins() {
        return get("/api/plugins", new TypeReference<List<PluginInfo>>() {});
    }

    public ActionResult act(String actuatorId, Map<String, Object> params) {
        return send(
                "POST",
                "/api/actuators/" + encode(actuatorId),
                params,
                Json.mapper().constructType(ActionResult.class));
    }

    /**
     * Observations, newest first; with a {@code query} the most relevant first, each with a score.
     * {@code type} and {@code since} may be null.
     */
    public List<Observation> observations(
            @Nullable String query, int limit, @Nullable String type, @Nullable Instant since) {
        StringBuilder path = new StringBuilder("/api/observations?limit=").append(limit);
        if (query != null && !query.isBlank()) {
            path.append("&query=").append(encode(query));
        }
        if (type != null) {
            path.append("&type=").append(encode(type));
        }
        if (since != null) {
            path.append("&since=").append(since);
        }
        return get(path.toString(), new TypeReference<List<Observation>>() {});
    }

    /** Active memories, newest first; with a {@code query} the most relevant first, each with a score. */
    public List<Memory> memories(@Nullable String query, int limit) {
        String path =
                "/api/memories?limit=" + limit + (query == null || query.isBlank() ? "" : "&query=" + encode(query));
        return get(path, new TypeReference<List<Memory>>() {});
    }

    /** Hybrid (semantic + keyword) search over observations and memories. */
    public List<RecallHit> recall(RecallQuery query) {
        return send(
                "POST",
                "/api/memory/recall",
                query,
                Json.mapper().getTypeFactory().constructType(new TypeReference<List<RecallHit>>() {}));
    }

    /** Stores a fact, or confirms the near-duplicate already kept. Needs the token. */
    public RememberResult remember(String fact, double confidence) {
        return send(
                "POST",
                "/api/memories",
                Map.of("fact", fact, "confidence", confidence),
                Json.mapper().constructType(RememberResult.class));
    }

    /** Forgets (deactivates) a memory and returns it. Needs the token. */
    public Memory forget(String memoryId) {
        return send(
                "DELETE",
                "/api/memories/" + encode(memoryId),
                null,
                Json.mapper().constructType(Memory.class));
    }

    /** Chat sessions, most recently used first. */
    public List<ChatSession> chatSessions() {
        return get("/api/chat", new TypeReference<List<ChatSession>>() {});
    }

    /** One chat session with its messages. */
    public ChatTranscript chatTranscript(String sessionId) {
        return get("/api/chat/" + encode(sessionId), ChatTranscript.class);
    }

    /**
     * Asks the node's agent and streams the answer: {@code onEvent} receives every {@link ChatEvent}
     * as it arrives (on the calling thread); the terminal event ({@code done}, {@code queued} or
     * {@code error}) is also returned. Needs the token. {@code answerTimeout} bounds the whole answer.
     */
    public ChatEvent chat(ChatRequest request, Duration answerTimeout, Consumer<ChatEvent> onEvent) {
        return ChatStream.ask(http, base, token, timeout, answerTimeout, request, onEvent);
    }

    public <T> T get(String path, Class<T> type) {
        return send("GET", path, null, Json.mapper().constructType(type));
    }

    public <T> T get(String path, TypeReference<T> type) {
        return send("GET", path, null, Json.mapper().getTypeFactory().constructType(type));
    }

    private <T> T send(String method, String path, @Nullable Object body, JavaType type) {
        return send(method, path, body, type, false);
    }

    private <T> T send(String method, String path, @Nullable Object body, JavaType type, boolean bodyOn503) {
        HttpRequest.Builder req =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).header("Accept", "application/json");
        if (token != null && !token.isBlank()) {
            req.header("Authorization", "Bearer " + token);
        }
        try {
            if (body == null) {
                req.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                req.header("Content-Type", "application/json")
                        .method(
                                method,
                                HttpRequest.BodyPublishers.ofByteArray(
                                        Json.mapper().writeValueAsBytes(body)));
            }
            HttpResponse<byte[]> res = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (bodyOn503 && res.statusCode() == 503) {
                return documentOrError(res, type);
            }
            if (res.statusCode() >= 400) {
                throw errorFrom(res);
            }
            return Json.mapper().readValue(res.body(), type);
        } catch (JsonProcessingException e) {
            throw new NodeApiException(
                    502,
                    "bad_response",
                    "node at " + base + " sent an unreadable answer to " + path + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new NodeApiException("node at " + base + " is unreachable: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NodeApiException("interrupted while calling " + base + path, e);
        }
    }

    /**
     * A 503 that carries the expected document (a node reporting itself down) is returned; any other
     * 503 (the node's JSON error, a proxy's page) is the 503 it is, not an unreadable answer.
     */
    private static <T> T documentOrError(HttpResponse<byte[]> res, JavaType type) {
        try {
            JsonNode tree = Json.mapper().readTree(res.body());
            if (tree != null && tree.isObject() && !tree.has("error")) {
                return Json.mapper().treeToValue(tree, type);
            }
        } catch (IOException e) {
            // not the expected document: report the 503 itself below
        }
        throw errorFrom(res);
    }

    static NodeApiException errorFrom(HttpResponse<byte[]> res) {
        try {
            JsonNode err = Json.mapper().readTree(res.body()).path("error");
            if (err.isObject()) {
                return new NodeApiException(
                        res.statusCode(),
                        err.path("code").asText("error"),
                        err.path("message").asText());
            }
        } catch (IOException e) {
            // not our JSON error shape: fall through to the generic message
        }
        return new NodeApiException(
                res.statusCode(), "http_" + res.statusCode(), "HTTP " + res.statusCode() + " from " + res.uri());
    }

    /** A short reason for a failed call, for people: the JDK's HTTP client often gives none of its own. */
    static String describe(IOException e) {
        if (e instanceof java.net.ConnectException
                && (e.getMessage() == null || e.getMessage().isBlank())) {
            return "connection refused";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank()) {
                return m;
            }
        }
        return e.getClass().getSimpleName();
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
