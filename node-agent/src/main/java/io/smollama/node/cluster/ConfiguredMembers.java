package io.smollama.node.cluster;

import io.smollama.common.Health;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The members named in {@code cluster.nodes} by URL (for networks without multicast). A URL's node name, role and
 * version are learned from its health once it answers; until then it is listed under its address.
 */
final class ConfiguredMembers implements MemberSource {

    private record Learned(String node, String role, String version, Instant at) {}

    private final List<URI> urls;
    private final Map<URI, Learned> learned = new ConcurrentHashMap<>();

    ConfiguredMembers(List<URI> urls) {
        this.urls = List.copyOf(urls);
    }

    /** Remembers who answered at {@code url} (ignored for a URL that is not configured). */
    void learn(URI url, Health health, Instant at) {
        if (urls.contains(url)) {
            learned.put(url, new Learned(health.node(), health.role(), health.version(), at));
        }
    }

    @Override
    public List<ClusterMember> members() {
        return urls.stream()
                .map(u -> {
                    @Nullable Learned l = learned.get(u);
                    return l == null
                            ? new ClusterMember(u.getAuthority(), "unknown", u, null, null, ClusterMember.CONFIG)
                            : new ClusterMember(l.node(), l.role(), u, l.at(), l.version(), ClusterMember.CONFIG);
                })
                .toList();
    }
}
