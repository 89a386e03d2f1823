package io.smollama.node.store;

/** A query named a source ({@code type:id}) that has never had a reading; HTTP maps it to 404. */
public final class UnknownSourceException extends RuntimeException {

    private final String source;

    public UnknownSourceException(String source) {
        super("unknown source '" + source + "'");
        this.source = source;
    }

    public String source() {
        return source;
    }
}
