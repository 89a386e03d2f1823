package io.smollama.node.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.smollama.common.Json;
import io.smollama.node.llm.LlmUnavailableException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Ollama's model management endpoints, spoken directly over HTTP because LangChain4j has no pull:
 * {@code GET /api/tags} (the models present) and {@code POST /api/pull} (download one, streaming its
 * progress as JSON lines).
 */
public final class OllamaServer {

    /** One line of pull progress: a status sentence, and bytes done of total when downloading. */
    public record PullProgress(String status, long completed, long total) {
        /** Percent done, or -1 when the step has no size. */
        public int percent() {
            return total > 0 ? (int) Math.min(100, completed * 100 / total) : -1;
        }
    }

    private final String baseUrl;
    private final HttpClient http;
    private final Duration timeout;

    public OllamaServer(String baseUrl, Duration connectTimeout, Duration timeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .build();
        this.timeout = timeout;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The names of the models the server has, like {@code llama3.2:3b}. */
    public List<String> models() {
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + "/api/tags"))
                .timeout(timeout)
                .GET()
                .build();
        try {
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 200) {
                throw new LlmUnavailableException(
                        "Ollama at " + baseUrl + " answered /api/tags with HTTP " + res.statusCode());
            }
            List<String> names = new ArrayList<>();
            for (JsonNode m : Json.mapper().readTree(res.body()).path("models")) {
                names.add(
                        m.hasNonNull("name")
                                ? m.get("name").asText()
                                : m.path("model").asText());
            }
            return names;
        } catch (IOException e) {
            throw new LlmUnavailableException("Ollama at " + baseUrl + " is unreachable: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmUnavailableException("interrupted while asking Ollama at " + baseUrl, e);
        }
    }

    /** True when {@code model} is among {@code present}; a name without a tag means {@code :latest}. */
    static boolean has(List<String> present, String model) {
        String wanted = model.contains(":") ? model : model + ":latest";
        return present.stream().anyMatch(p -> p.equals(model) || p.equals(wanted));
    }

    /**
     * Pulls {@code model}, reporting each progress line; returns when Ollama says {@code success}.
     * Throws {@link LlmUnavailableException} when the server cannot be reached or reports an error.
     */
    public void pull(String model, Consumer<PullProgress> progress) {
        String body = Json.mapper()
                .createObjectNode()
                .put("model", model)
                .put("stream", true)
                .toString();
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + "/api/pull"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<Stream<String>> res = http.send(req, HttpResponse.BodyHandlers.ofLines());
            try (Stream<String> lines = res.body()) {
                if (res.statusCode() != 200) {
                    String text = String.join(" ", (Iterable<String>) lines::iterator);
                    throw new LlmUnavailableException(
                            "Ollama refused to pull " + model + " (HTTP " + res.statusCode() + "): " + errorText(text));
                }
                Iterator<String> it = lines.iterator();
                while (it.hasNext()) {
                    String line = it.next();
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode n = Json.mapper().readTree(line);
                    if (n.hasNonNull("error")) {
                        throw new LlmUnavailableException("Ollama could not pull " + model + ": "
                                + n.get("error").asText());
                    }
                    String status = n.path("status").asText("");
                    progress.accept(new PullProgress(
                            status,
                            n.path("completed").asLong(0),
                            n.path("total").asLong(0)));
                    if (status.equals("success")) {
                        return;
                    }
                }
                throw new LlmUnavailableException("Ollama stopped pulling " + model + " before it said success");
            }
        } catch (IOException e) {
            throw new LlmUnavailableException("Ollama at " + baseUrl + " is unreachable: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmUnavailableException("interrupted while pulling " + model, e);
        }
    }

    private static String errorText(String body) {
        try {
            JsonNode n = Json.mapper().readTree(body);
            return n.hasNonNull("error") ? n.get("error").asText() : body;
        } catch (IOException e) {
            return body;
        }
    }

    /** A sentence for why a call failed: connection refused and time-outs anywhere in the chain first. */
    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused (is Ollama running? start it with 'ollama serve')";
            }
            if (t instanceof HttpTimeoutException
                    || t instanceof java.net.SocketTimeoutException
                    || t instanceof java.util.concurrent.TimeoutException) {
                return "timed out";
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() != null ? e.getMessage() : root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
