package io.smollama.node.http;

import io.helidon.webserver.http.ServerRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Typed query parameters; a bad value is a 400 that names the parameter and what was expected. */
public final class QueryParams {

    private QueryParams() {}

    public static Optional<String> string(ServerRequest req, String name) {
        var v = req.query().first(name);
        return v.isPresent() && !v.get().isBlank() ? Optional.of(v.get().trim()) : Optional.empty();
    }

    public static int integer(ServerRequest req, String name, int def, int min, int max) {
        Optional<String> raw = string(req, name);
        if (raw.isEmpty()) {
            return def;
        }
        try {
            int v = Integer.parseInt(raw.get());
            if (v < min || v > max) {
                throw ApiException.badRequest(
                        "query parameter '" + name + "' must be from " + min + " to " + max + ", got " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(
                    "query parameter '" + name + "' must be an integer, got '" + raw.get() + "'");
        }
    }

    /** An instant as ISO-8601 ({@code 2026-11-24T10:00:00Z}) or epoch milliseconds. */
    public static Optional<Instant> instant(ServerRequest req, String name) {
        Optional<String> raw = string(req, name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String s = raw.get();
        try {
            if (s.chars().allMatch(Character::isDigit)) {
                return Optional.of(Instant.ofEpochMilli(Long.parseLong(s)));
            }
            return Optional.of(Instant.parse(s));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw ApiException.badRequest("query parameter '" + name
                    + "' must be an ISO-8601 instant like 2026-11-24T10:00:00Z or epoch milliseconds, got '" + s + "'");
        }
    }
}
