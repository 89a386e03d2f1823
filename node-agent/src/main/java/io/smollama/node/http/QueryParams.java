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
            throw ApiException.badRequest("query parameter '" + name + "' must be an integer, got '" + raw.get() + "'");
        }
    }

    /** The range of instants the API accepts: 1970 to the end of 9999. */
    static final Instant EARLIEST = Instant.EPOCH;

    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    /** An instant as ISO-8601 ({@code 2026-11-24T10:00:00Z}) or epoch milliseconds, from 1970 to 9999. */
    public static Optional<Instant> instant(ServerRequest req, String name) {
        Optional<String> raw = string(req, name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String s = raw.get();
        Instant value;
        try {
            value = s.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(s)) : Instant.parse(s);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw ApiException.badRequest("query parameter '" + name
                    + "' must be an ISO-8601 instant like 2026-11-24T10:00:00Z or epoch milliseconds, got '" + s + "'");
        }
        if (value.isBefore(EARLIEST) || value.isAfter(LATEST)) {
            throw ApiException.badRequest(
                    "query parameter '" + name + "' must be between " + EARLIEST + " and " + LATEST + ", got " + value);
        }
        return Optional.of(value);
    }
}
