package io.smollama.node.memory;

import com.fasterxml.jackson.databind.JsonNode;
import io.smollama.common.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Embeddings from an Ollama server's {@code POST /api/embed} ({@code {"model","input":[...]}} →
 * {@code {"embeddings":[[...]]}}). Any failure (unreachable, unknown model, a malformed or short answer,
 * a zero vector) is a {@link MemoryException}. The state reflects the last call.
 */
public final class OllamaEmbedder implements Embedder {

    private final URI endpoint;
    private final String ollamaModel;
    private final Duration timeout;
    private final HttpClient http;
    private volatile int dimensions;
    private volatile EmbedderState state;

    public OllamaEmbedder(URI baseUrl, String model, Duration connectTimeout, Duration timeout) {
        String base = baseUrl.toString().replaceAll("/+$", "");
        this.endpoint = URI.create(base + "/api/embed");
        this.ollamaModel = model;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.state = EmbedderState.ready(model() + " at " + base + " (not called yet)");
    }

    @Override
    public String model() {
        return "ollama:" + ollamaModel;
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        try {
            List<float[]> out = call(texts);
            state = EmbedderState.ready(model() + " at " + endpoint.resolve("/") + " (" + dimensions + " dims)");
            return out;
        } catch (MemoryException e) {
            state = new EmbedderState(EmbedderState.Phase.FAILED, e.getMessage());
            throw e;
        }
    }

    private List<float[]> call(List<String> texts) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", ollamaModel);
        body.put("input", texts);
        HttpResponse<byte[]> res;
        try {
            HttpRequest req = HttpRequest.newBuilder(endpoint)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(body)))
                    .build();
            res = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new MemoryException("Ollama at " + endpoint + " cannot be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MemoryException("interrupted while waiting for Ollama's embeddings", e);
        }
        JsonNode answer;
        try {
            answer = Json.mapper().readTree(res.body());
        } catch (IOException e) {
            throw new MemoryException(
                    "Ollama answered " + endpoint + " with malformed JSON (HTTP " + res.statusCode() + ")", e);
        }
        if (res.statusCode() != 200) {
            String why =
                    answer != null && answer.has("error") ? answer.get("error").asText() : "no reason given";
            throw new MemoryException(
                    "Ollama refused to embed with model " + ollamaModel + " (HTTP " + res.statusCode() + "): " + why);
        }
        JsonNode embeddings = answer == null ? null : answer.get("embeddings");
        if (embeddings == null || !embeddings.isArray() || embeddings.size() != texts.size()) {
            throw new MemoryException("Ollama returned " + (embeddings == null ? "no" : embeddings.size())
                    + " embeddings for " + texts.size() + " texts; nothing was stored");
        }
        List<float[]> out = new ArrayList<>(texts.size());
        for (JsonNode e : embeddings) {
            if (!e.isArray() || e.isEmpty()) {
                throw new MemoryException("Ollama returned an empty embedding; nothing was stored");
            }
            float[] v = new float[e.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) e.get(i).asDouble();
            }
            if (dimensions != 0 && v.length != dimensions) {
                throw new MemoryException("Ollama returned a " + v.length + "-dimensional embedding where " + dimensions
                        + " were expected; nothing was stored");
            }
            out.add(Vectors.normalised(v));
            dimensions = v.length;
        }
        return out;
    }

    @Override
    public EmbedderState state() {
        return state;
    }

    @Override
    public void close() {
        http.close();
    }
}
