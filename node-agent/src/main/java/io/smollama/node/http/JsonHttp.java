package io.smollama.node.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.smollama.common.ApiError;
import io.smollama.common.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reading JSON request bodies (with a size limit) and writing JSON responses and errors. */
public final class JsonHttp {

    private JsonHttp() {}

    public static void send(ServerResponse res, int status, Object body) {
        byte[] bytes;
        try {
            bytes = Json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(bytes);
    }

    public static void ok(ServerResponse res, Object body) {
        send(res, 200, body);
    }

    public static void error(ServerResponse res, int status, String code, String message) {
        send(res, status, ApiError.of(code, message));
    }

    /**
     * Reads the body as a JSON object, refusing more than {@code maxBytes} (413) and anything that is
     * not well-formed JSON (400 naming the line and column). An empty body is a 400 too.
     */
    public static JsonNode readObject(ServerRequest req, long maxBytes) {
        byte[] body = readBody(req, maxBytes);
        if (body.length == 0) {
            throw ApiException.badRequest("request body is empty: expected a JSON object");
        }
        return parseObject(body);
    }

    private static JsonNode parseObject(byte[] body) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw ApiException.badRequest("malformed JSON"
                    + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr())
                    + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("request body must be a JSON object");
        }
        return node;
    }

    /** Like {@link #readObject}, but an absent or empty body is an empty object (actions without parameters). */
    public static JsonNode readOptionalObject(ServerRequest req, long maxBytes) {
        byte[] body = readBody(req, maxBytes);
        if (body.length == 0) {
            return Json.mapper().createObjectNode();
        }
        return parseObject(body);
    }

    static byte[] readBody(ServerRequest req, long maxBytes) {
        var declared = req.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > maxBytes) {
            throw ApiException.tooLarge(
                    "request body of " + declared.getAsLong() + " bytes exceeds the limit of " + maxBytes + " bytes");
        }
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = req.content().inputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > maxBytes) {
                    throw ApiException.tooLarge("request body exceeds the limit of " + maxBytes + " bytes");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw ApiException.badRequest("request body could not be read: " + e.getMessage());
        }
    }
}
