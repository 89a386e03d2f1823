package io.smollama.node.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import io.smollama.common.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Calls other nodes' APIs for the cluster views: asynchronous, each call bounded by the per-node timeout (connect
 * and answer together), every failure turned into a {@link PeerError} rather than an exception, so a fan-out can
 * wait for all its calls without one dead node stalling it. The token, when given, is sent as a bearer token and
 * never appears in a message.
 */
final class PeerClient implements AutoCloseable {

    /** What a call gave: a value, or why not; {@code millis} is how long it took. */
    record Answer<T>(@Nullable T value, @Nullable PeerError error, long millis) {}

    private final Duration timeout;
    private final @Nullable String token;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http;

    PeerClient(Duration timeout, @Nullable String token) {
        this.timeout = timeout;
        this.token = token;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** GET {@code base + path} as {@code type}; {@code bodyOn503} accepts a 503 that carries the document. */
    <T> CompletableFuture<Answer<T>> get(URI base, String path, JavaType type, boolean bodyOn503) {
        return call(base, path, null, type, bodyOn503);
    }

    <T> CompletableFuture<Answer<T>> post(URI base, String path, Object body, JavaType type) {
        return call(base, path, body, type, false);
    }

    private <T> CompletableFuture<Answer<T>> call(
            URI base, String path, @Nullable Object body, JavaType type, boolean bodyOn503) {
        long start = System.nanoTime();
        HttpRequest request;
        try {
            request = request(base, path, body);
        } catch (IllegalArgumentException | JsonProcessingException e) {
            return CompletableFuture.completedFuture(
                    new Answer<>(null, new PeerError(PeerError.Kind.UNREACHABLE, e.getMessage()), 0));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                // the request timeout covers the answer's head; this bounds the body too
                .orTimeout(timeout.toMillis() + 200, TimeUnit.MILLISECONDS)
                .handle((res, failure) -> {
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    if (failure != null) {
                        return new Answer<T>(null, describe(failure, base), millis);
                    }
                    return this.<T>read(res, type, bodyOn503, base, path, millis);
                });
    }

    private HttpRequest request(URI base, String path, @Nullable Object body) throws JsonProcessingException {
        String b = base.toString();
        URI uri = URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path);
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        if (token != null && !token.isBlank()) {
            req.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            req.GET();
        } else {
            req.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(body)));
        }
        return req.build();
    }

    private <T> Answer<T> read(
            HttpResponse<byte[]> res, JavaType type, boolean bodyOn503, URI base, String path, long millis) {
        int status = res.statusCode();
        if (status == 401) {
            return new Answer<>(
                    null,
                    new PeerError(
                            PeerError.Kind.UNAUTHORIZED, base + path + " needs a token this node does not hold (401)"),
                    millis);
        }
        if (status >= 400 && !(bodyOn503 && status == 503)) {
            return new Answer<>(
                    null,
                    new PeerError(PeerError.Kind.HTTP_ERROR, base + path + " answered " + status + errorOf(res)),
                    millis);
        }
        try {
            T value = Json.mapper().readValue(res.body(), type);
            return new Answer<>(value, null, millis);
        } catch (IOException e) {
            return new Answer<>(
                    null,
                    new PeerError(
                            PeerError.Kind.BAD_RESPONSE, base + path + " sent an unreadable answer: " + e.getMessage()),
                    millis);
        }
    }

    private static String errorOf(HttpResponse<byte[]> res) {
        try {
            JsonNode err = Json.mapper().readTree(res.body()).path("error");
            return err.isObject() ? ": " + err.path("message").asText() : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private PeerError describe(Throwable failure, URI base) {
        Throwable t =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (t instanceof HttpTimeoutException || t instanceof TimeoutException) {
            return new PeerError(PeerError.Kind.TIMEOUT, base + " did not answer within " + timeout.toMillis() + " ms");
        }
        if (t instanceof ConnectException) {
            return new PeerError(PeerError.Kind.REFUSED, base + " refused the connection (is the node running?)");
        }
        String why = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return new PeerError(PeerError.Kind.UNREACHABLE, base + " is unreachable: " + why);
    }

    @Override
    public void close() {
        http.shutdownNow();
        executor.shutdownNow();
    }
}
