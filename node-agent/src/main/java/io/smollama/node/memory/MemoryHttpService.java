package io.smollama.node.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.smollama.common.Json;
import io.smollama.common.Memory;
import io.smollama.common.Observation;
import io.smollama.common.RecallQuery;
import io.smollama.common.RememberResult;
import io.smollama.node.http.ApiException;
import io.smollama.node.http.ApiServer;
import io.smollama.node.http.JsonHttp;
import io.smollama.node.http.QueryParams;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The memory API: {@code GET /api/observations}, {@code GET /api/memories}, {@code POST /api/memory/recall},
 * {@code POST /api/memories}, {@code DELETE /api/memories/{id}}, {@code GET /api/export} and
 * {@code POST /api/import}. An embedder that cannot embed answers 503 {@code embedder_unavailable}.
 */
public final class MemoryHttpService implements HttpService {

    static final int DEFAULT_LIMIT = 20;
    static final double DEFAULT_CONFIDENCE = 0.8;

    private final MemoryStore store;
    private final long maxBodyBytes;
    private final long maxImportBytes;

    /** The largest import body: 256 MiB, about a million exported items. */
    public static final long MAX_IMPORT_BYTES = ApiServer.LARGEST_BODY_BYTES;

    public MemoryHttpService(MemoryStore store, long maxBodyBytes) {
        this(store, maxBodyBytes, MAX_IMPORT_BYTES);
    }

    MemoryHttpService(MemoryStore store, long maxBodyBytes, long maxImportBytes) {
        this.store = store;
        this.maxBodyBytes = maxBodyBytes;
        this.maxImportBytes = maxImportBytes;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/observations", (req, res) -> guarded(() -> observations(req, res)))
                .get("/api/memories", (req, res) -> guarded(() -> memories(req, res)))
                .post("/api/memory/recall", (req, res) -> guarded(() -> recall(req, res)))
                .post("/api/memories", (req, res) -> guarded(() -> remember(req, res)))
                .delete("/api/memories/{id}", (req, res) -> forget(req, res))
                .get("/api/export", this::export)
                .post("/api/import", this::importItems);
    }

    private static void guarded(Runnable handler) {
        try {
            handler.run();
        } catch (MemoryException e) {
            throw new ApiException(503, "embedder_unavailable", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private void observations(ServerRequest req, ServerResponse res) {
        Optional<String> query = QueryParams.string(req, "query");
        int limit = QueryParams.integer(req, "limit", DEFAULT_LIMIT, 1, RecallQuery.MAX_LIMIT);
        String type = QueryParams.string(req, "type").orElse(null);
        if (type != null && !Observation.TYPES.contains(type)) {
            throw ApiException.badRequest(
                    "query parameter 'type' must be one of " + Observation.TYPES + ", got '" + type + "'");
        }
        Instant since = QueryParams.instant(req, "since").orElse(null);
        if (query.isEmpty()) {
            JsonHttp.ok(res, store.recentObservations(limit, type, since));
            return;
        }
        var hits = store.recall(new RecallQuery(query.get(), limit, Set.of("observation"), type, since, null, false));
        JsonHttp.ok(res, Recall.observations(hits));
    }

    private void memories(ServerRequest req, ServerResponse res) {
        Optional<String> query = QueryParams.string(req, "query");
        int limit = QueryParams.integer(req, "limit", DEFAULT_LIMIT, 1, RecallQuery.MAX_LIMIT);
        boolean inactive = bool(req, "includeInactive");
        if (query.isEmpty()) {
            JsonHttp.ok(res, store.memories(limit, inactive));
            return;
        }
        var hits = store.recall(new RecallQuery(query.get(), limit, Set.of("memory"), null, null, null, inactive));
        JsonHttp.ok(res, Recall.memories(hits));
    }

    private void recall(ServerRequest req, ServerResponse res) {
        JsonNode body = JsonHttp.readObject(req, maxBodyBytes);
        RecallQuery q = parse(body, RecallQuery.class, "recall query");
        JsonHttp.ok(res, store.recall(q));
    }

    private void remember(ServerRequest req, ServerResponse res) {
        JsonNode body = JsonHttp.readObject(req, maxBodyBytes);
        JsonNode fact = body.get("fact");
        if (fact == null || !fact.isTextual() || fact.asText().isBlank()) {
            throw ApiException.badRequest("field 'fact' must be a non-empty string");
        }
        double confidence = DEFAULT_CONFIDENCE;
        JsonNode c = body.get("confidence");
        if (c != null && !c.isNull()) {
            if (!c.isNumber() || !(c.asDouble() >= 0 && c.asDouble() <= 1)) {
                throw ApiException.badRequest("field 'confidence' must be a number from 0 to 1, got " + c);
            }
            confidence = c.asDouble();
        }
        RememberResult result = store.remember(fact.asText(), confidence);
        JsonHttp.send(res, result.reinforced() ? 200 : 201, result);
    }

    private void forget(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        Memory m = store.forget(id)
                .orElseThrow(() -> ApiException.notFound("no memory with id '" + id + "' on this node"));
        JsonHttp.ok(res, m);
    }

    private void export(ServerRequest req, ServerResponse res) {
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, "application/x-ndjson");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        try (OutputStream out = res.outputStream()) {
            store.forEachItem(500, item -> {
                try {
                    out.write(Json.mapper().writeValueAsBytes(MemoryTransfer.line(item)));
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void importItems(ServerRequest req, ServerResponse res) {
        var declared = req.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > maxImportBytes) {
            throw ApiException.tooLarge("import of " + declared.getAsLong() + " bytes exceeds the limit of "
                    + maxImportBytes + " bytes; split the file");
        }
        if (!req.content().hasEntity()) {
            throw ApiException.badRequest("request body is empty: expected JSON lines as written by GET /api/export");
        }
        MemoryTransfer.Result result;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new LimitedInput(req.content().inputStream(), maxImportBytes), StandardCharsets.UTF_8))) {
            result = MemoryTransfer.importLines(in, store);
        } catch (IOException e) {
            throw ApiException.badRequest("the import could not be read: " + e.getMessage());
        } catch (MemoryTransfer.BadLine e) {
            throw ApiException.badRequest(e.getMessage());
        } catch (LimitedInput.TooLarge e) {
            throw ApiException.tooLarge(e.getMessage());
        }
        JsonHttp.ok(res, Map.of("imported", result.imported(), "skipped", result.skipped()));
    }

    private static boolean bool(ServerRequest req, String name) {
        Optional<String> raw = QueryParams.string(req, name);
        if (raw.isEmpty()) {
            return false;
        }
        return switch (raw.get()) {
            case "true" -> true;
            case "false" -> false;
            default ->
                throw ApiException.badRequest(
                        "query parameter '" + name + "' must be true or false, got '" + raw.get() + "'");
        };
    }

    static <T> T parse(JsonNode body, Class<T> type, String what) {
        try {
            return Json.mapper().treeToValue(body, type);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause();
            throw ApiException.badRequest(
                    "invalid " + what + ": " + (cause != null ? cause.getMessage() : e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid " + what + ": " + e.getOriginalMessage() + pathOf(e));
        }
    }

    private static String pathOf(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m
                && !m.getPath().isEmpty()) {
            @Nullable String field = m.getPath().getLast().getFieldName();
            return field == null ? "" : " (field '" + field + "')";
        }
        return "";
    }
}
