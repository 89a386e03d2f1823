package io.smollama.node.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.smollama.common.ApiError;
import io.smollama.common.Json;

/**
 * Answers the errors Helidon raises before a request reaches routing (a malformed path or
 * query, an over-long URI, a body over the hard limit) with the same JSON error shape as every
 * other failed call, instead of an empty body.
 */
final class JsonDirectHandler implements DirectHandler {

    @Override
    public TransportResponse handle(
            TransportRequest request, EventType type, Status status, ServerResponseHeaders headers, String message) {
        String code = status.code() == 413
                ? "payload_too_large" // Helidon raises an over-long body as BAD_REQUEST with status 413
                : switch (type) {
                    case BAD_REQUEST -> "bad_request";
                    case PAYLOAD_TOO_LARGE -> "payload_too_large";
                    case FORBIDDEN -> "forbidden";
                    case INTERNAL_ERROR -> "internal_error";
                    default -> "http_" + status.code();
                };
        String text = type == EventType.INTERNAL_ERROR || message == null || message.isBlank()
                ? status.reasonPhrase()
                : message;
        byte[] body;
        try {
            body = Json.mapper().writeValueAsBytes(ApiError.of(code, text));
        } catch (JsonProcessingException e) {
            body = ("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + status.reasonPhrase() + "\"}}").getBytes();
        }
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .entity(body)
                .build();
    }
}
