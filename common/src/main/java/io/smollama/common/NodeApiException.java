package io.smollama.common;

/**
 * A node answered a call with an error ({@code status} ≥ 400, with the node's code and message), or
 * could not be reached at all ({@code status} 0, code {@code unreachable}).
 */
public final class NodeApiException extends RuntimeException {

    private final int status;
    private final String code;

    public NodeApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public NodeApiException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.code = "unreachable";
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public boolean unreachable() {
        return status == 0;
    }
}
