package io.smollama.node.cluster;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A node one {@link MemberSource} knows: its name, role, base URL (the API is under {@code /api}), when that source
 * last heard it, its version, and {@code via} — which source: {@link #SELF}, {@link #DISCOVERY}, {@link #SYNC} or
 * {@link #CONFIG}. A configured URL whose node has not answered yet is named after its address ({@code host:port},
 * which no node name can be) until it does.
 */
public record ClusterMember(
        String node,
        String role,
        @Nullable URI url,
        @Nullable Instant lastSeen,
        @Nullable String version,
        String via) {

    public static final String SELF = "self";
    public static final String DISCOVERY = "discovery";
    public static final String SYNC = "sync";
    public static final String CONFIG = "config";

    public ClusterMember {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(via, "via");
        if (node.isBlank()) {
            throw new IllegalArgumentException("a cluster member needs a node name");
        }
        node = node.toLowerCase(Locale.ROOT);
    }

    /** True for a configured URL whose node's name is not known yet. */
    boolean unnamed() {
        return node.contains(":");
    }
}
