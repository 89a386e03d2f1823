package io.smollama.node.config;

import java.util.Comparator;

/**
 * Where a configuration value came from: a file and line, an environment variable, or the schema
 * default. {@code rank} orders sources the way they are layered (main file, overlay, environment,
 * default), so problems can be listed the way a person reads them: file by file, top to bottom.
 */
record Origin(String source, int line, int rank) {

    static final int MAIN_FILE = 0;
    static final int OVERLAY = 1;
    static final int ENVIRONMENT = 2;
    static final int DEFAULT_RANK = 3;

    static final Origin DEFAULT = new Origin("default", 0, DEFAULT_RANK);

    static final Comparator<Origin> READING_ORDER =
            Comparator.comparingInt(Origin::rank).thenComparing(Origin::source).thenComparingInt(Origin::line);

    static Origin env(String variable) {
        return new Origin("env " + variable, 0, ENVIRONMENT);
    }

    /** The same source at another (1-based) line; the environment and defaults have no lines. */
    Origin atLine(int oneBasedLine) {
        return rank >= ENVIRONMENT ? this : new Origin(source, oneBasedLine, rank);
    }

    /** {@code smollama.yaml:12}, {@code env SMOLLAMA_HTTP_PORT} or {@code default}. */
    @Override
    public String toString() {
        return line > 0 ? source + ":" + line : source;
    }
}
