package io.smollama.node.cluster;

import java.util.List;

/**
 * Where the cluster's members come from: this node itself, discovery, the configured {@code cluster.nodes}, and
 * sync's peers. Called on every view that is not cached; must be quick and must not throw for a network problem
 * (a source that cannot say returns what it knows, or nothing).
 */
@FunctionalInterface
public interface MemberSource {

    List<ClusterMember> members();
}
