package io.smollama.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Reads the server-sent events of {@code POST /api/chat}: {@code event: <kind>} and
 * {@code data: <ChatEvent JSON>} pairs separated by blank lines, until a terminal event.
 */
final class ChatStream {

    private ChatStream() {}

    static ChatEvent ask(
            HttpClient http,
            URI base,
            @Nullable String token,
            Duration connectTimeout,
            Duration answerTimeout,
            ChatRequest request,
            Consumer<ChatEvent> onEvent) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + "/api/chat"))
                .timeout(connectTimeout.plus(answerTimeout))
                .header("Accept", "text/event-stream")
                .header("Content-Type", "application/json");
        if (token != null && !token.isBlank()) {
            req.header("Authorization", "Bearer " + token);
        }
        Instant deadline = Instant.now().plus(answerTimeout);
        try {
            req.POST(HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(request)));
            CompletableFuture<HttpResponse<Stream<String>>> pending =
                    http.sendAsync(req.build(), HttpResponse.BodyHandlers.ofLines());
            HttpResponse<Stream<String>> res = pending.get(answerTimeout.toMillis(), TimeUnit.MILLISECONDS);
            try (Stream<String> lines = res.body()) {
                if (res.statusCode() >= 400) {
                    String body = String.join("\n", (Iterable<String>) lines::iterator);
                    throw NodeClient.errorFrom(new BufferedResponse(res, body.getBytes(StandardCharsets.UTF_8)));
                }
                return readEvents(lines.iterator(), deadline, request, onEvent);
            }
        } catch (TimeoutException e) {
            throw new NodeApiException(504, "timeout", "no answer from " + base + " within " + answerTimeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String why = cause instanceof IOException io ? NodeClient.describe(io) : String.valueOf(cause);
            throw new NodeApiException("node at " + base + " is unreachable: " + why, cause);
        } catch (IOException e) {
            throw new NodeApiException("node at " + base + " is unreachable: " + NodeClient.describe(e), e);
        } catch (UncheckedIOException e) {
            // reading the stream failed mid-answer (the node went away, or the client was closed)
            throw new NodeApiException(
                    "the answer from " + base + " was cut off: " + NodeClient.describe(e.getCause()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NodeApiException("interrupted while asking " + base, e);
        }
    }

    private static ChatEvent readEvents(
            Iterator<String> lines, Instant deadline, ChatRequest request, Consumer<ChatEvent> onEvent)
            throws IOException {
        StringBuilder data = new StringBuilder();
        while (lines.hasNext()) {
            if (Instant.now().isAfter(deadline)) {
                throw new NodeApiException(504, "timeout", "the answer did not finish in time");
            }
            String line = lines.next();
            if (line.startsWith("data:")) {
                data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
            } else if (line.isEmpty() && !data.isEmpty()) {
                ChatEvent event = Json.mapper().readValue(data.toString(), ChatEvent.class);
                data.setLength(0);
                onEvent.accept(event);
                if (event.terminal()) {
                    return event;
                }
            }
        }
        String session = request.sessionId() == null ? "" : request.sessionId();
        ChatEvent cut = ChatEvent.failed(session, "stream_ended", "the node closed the answer before it finished");
        onEvent.accept(cut);
        return cut;
    }

    /** A streamed error response held in memory so the client's JSON error parsing applies. */
    private record BufferedResponse(HttpResponse<?> res, byte[] body) implements HttpResponse<byte[]> {
        @Override
        public int statusCode() {
            return res.statusCode();
        }

        @Override
        public HttpRequest request() {
            return res.request();
        }

        @Override
        public java.util.Optional<HttpResponse<byte[]>> previousResponse() {
            return java.util.Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return res.headers();
        }

        @Override
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return java.util.Optional.empty();
        }

        @Override
        public URI uri() {
            return res.uri();
        }

        @Override
        public HttpClient.Version version() {
            return res.version();
        }
    }
}
