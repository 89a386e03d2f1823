package io.smollama.node.cluster;

import io.smollama.common.discovery.DiscoveredNode;
import io.smollama.node.discovery.NodeDiscovery;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The member sources this package provides: this node itself, and the nodes discovery sees. */
public final class MemberSources {

    private MemberSources() {}

    /** This node, always a member, heard now; {@code url} is asked each time (the port is known once serving). */
    public static MemberSource self(String name, String role, String version, Supplier<URI> url, Clock clock) {
        return () -> List.of(new ClusterMember(name, role, url.get(), clock.instant(), version, ClusterMember.SELF));
    }

    /** The nodes discovery sees on the LAN now; nothing while discovery is off or not running. */
    public static MemberSource discovery(NodeDiscovery discovery) {
        return () -> {
            List<DiscoveredNode> seen;
            try {
                seen = discovery.nodes();
            } catch (NodeDiscovery.Unavailable e) {
                return List.of();
            }
            List<ClusterMember> out = new ArrayList<>();
            for (DiscoveredNode n : seen) {
                out.add(new ClusterMember(
                        n.name(),
                        n.role(),
                        n.baseUrl(),
                        n.lastSeen(),
                        n.version().isBlank() ? null : n.version(),
                        ClusterMember.DISCOVERY));
            }
            return out;
        };
    }
}
