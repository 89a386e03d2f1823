package io.smollama.node.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.smollama.common.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal HTTP server on loopback speaking Ollama's {@code POST /api/embed} as Ollama does:
 * {@code {"model","input": string | [string]}} → {@code {"model","embeddings":[[...]],"total_duration",
 * "load_duration","prompt_eval_count"}}, 404 {@code {"error":"model \"x\" not found, try pulling it first"}}
 * for a model it does not have, 400 for a malformed body. Vectors come from the real in-process MiniLM
 * model (Ollama's all-minilm is the same network). {@code zeroVectors} makes it answer all-zero vectors,
 * as a broken model would.
 */
final class OllamaEmbedServer implements AutoCloseable {

    private final HttpServer server;
    private final String model;
    private final Embedder backing;
    volatile boolean zeroVectors;

    OllamaEmbedServer(String model, Embedder backing) throws IOException {
        this.model = model;
        this.backing = backing;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/embed", this::embed);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void embed(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("POST")) {
                send(ex, 405, Map.of("error", "method not allowed"));
                return;
            }
            JsonNode body;
            try {
                body = Json.mapper().readTree(ex.getRequestBody());
            } catch (IOException e) {
                send(ex, 400, Map.of("error", "invalid character in JSON"));
                return;
            }
            String wanted = body.path("model").asText();
            if (!wanted.equals(model) && !wanted.equals(model + ":latest")) {
                send(ex, 404, Map.of("error", "model \"" + wanted + "\" not found, try pulling it first"));
                return;
            }
            List<String> inputs = new ArrayList<>();
            JsonNode input = body.path("input");
            if (input.isArray()) {
                input.forEach(n -> inputs.add(n.asText()));
            } else {
                inputs.add(input.asText());
            }
            List<float[]> vectors =
                    zeroVectors ? inputs.stream().map(i -> new float[384]).toList() : backing.embed(inputs);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("model", wanted);
            answer.put("embeddings", vectors);
            answer.put("total_duration", 14_143_917);
            answer.put("load_duration", 1_019_500);
            answer.put("prompt_eval_count", inputs.size() * 8);
            send(ex, 200, answer);
        }
    }

    private static void send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = Json.mapper().writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
