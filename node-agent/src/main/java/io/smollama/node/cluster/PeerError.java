package io.smollama.node.cluster;

import java.util.Locale;

/** Why a call to another node gave nothing usable; the message never holds a token. */
record PeerError(Kind kind, String message) {

    enum Kind {
        /** Nothing listens at the address: the node is not running there. */
        REFUSED,
        /** No answer within the per-node timeout. */
        TIMEOUT,
        /** Another network failure (no route, unknown host, reset). */
        UNREACHABLE,
        /** The node wants a token this node does not hold (401). */
        UNAUTHORIZED,
        /** Another error status. */
        HTTP_ERROR,
        /** An answer that is not the expected JSON. */
        BAD_RESPONSE;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether the node answered at all (it runs, but this call failed). */
        boolean answered() {
            return this == UNAUTHORIZED || this == HTTP_ERROR || this == BAD_RESPONSE;
        }
    }
}
