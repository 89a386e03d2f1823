package io.smollama.node.http;

/**
 * A request that cannot be served as asked, with the HTTP status and a code/message that reach the
 * client as {@code {"error": {"code": ..., "message": ...}}}. The message must never hold a secret.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message);
    }

    public static ApiException tooLarge(String message) {
        return new ApiException(413, "payload_too_large", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
