package io.smollama.node.cli;

/** Exit codes of {@code smollama-node}, documented in README. */
final class ExitCodes {
    static final int OK = 0;
    static final int FAILURE = 1;
    /** A command line that cannot be run (sysexits EX_USAGE), distinct from every status code. */
    static final int USAGE = 64;

    static final int CONFIG = 3;

    static final int STATUS_DEGRADED = 1;
    static final int STATUS_DOWN = 2;
    static final int STATUS_UNREACHABLE = 3;

    private ExitCodes() {}
}
