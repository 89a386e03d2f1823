package io.smollama.common.discovery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The browser's table of nodes and its liveness rule, free of any network so it can be tested with
 * a hand-moved clock. A node stays while it keeps answering: every answer moves its
 * {@code lastSeen}; a goodbye removes it at once; an entry not heard from for {@code expireAfter}
 * (several missed refreshes) is removed by {@link #expire()}. Each call returns the changes it made,
 * for the caller to hand to listeners outside the lock.
 */
final class NodeRegistry {

    enum Kind {
        ADDED,
        UPDATED,
        REMOVED
    }

    record Change(Kind kind, DiscoveredNode node) {}

    private final Clock clock;
    private final Duration expireAfter;
    private final Map<String, DiscoveredNode> nodes = new LinkedHashMap<>();

    NodeRegistry(Clock clock, Duration expireAfter) {
        if (expireAfter.isNegative() || expireAfter.isZero()) {
            throw new IllegalArgumentException("expireAfter: expected a positive duration, got " + expireAfter);
        }
        this.clock = clock;
        this.expireAfter = expireAfter;
    }

    /** A complete answer: adds the node, updates it when its announcement changed, else refreshes it. */
    synchronized List<Change> seen(ServiceSighting s) {
        if (!s.usable() || s.txt().isEmpty()) {
            answered(s.instance()); // JmDNS resolves in steps: an answer without TXT is not yet an announcement
            return List.of();
        }
        Instant now = clock.instant();
        String key = key(s.instance());
        DiscoveredNode old = nodes.get(key);
        DiscoveredNode fresh = DiscoveredNode.from(s, old == null ? now : old.firstSeen(), now);
        nodes.put(key, fresh);
        if (old == null) {
            return List.of(new Change(Kind.ADDED, fresh));
        }
        return fresh.sameAnnouncementAs(old) ? List.of() : List.of(new Change(Kind.UPDATED, fresh));
    }

    /** The node answered (its name alone was heard); returns false when it is not in the table. */
    synchronized boolean answered(String instance) {
        DiscoveredNode old = nodes.get(key(instance));
        if (old == null) {
            return false;
        }
        nodes.put(key(instance), old.seenAt(clock.instant()));
        return true;
    }

    synchronized List<Change> goodbye(String instance) {
        DiscoveredNode old = nodes.remove(key(instance));
        return old == null ? List.of() : List.of(new Change(Kind.REMOVED, old));
    }

    /** Removes every node not heard from for longer than {@code expireAfter}. */
    synchronized List<Change> expire() {
        Instant cutoff = clock.instant().minus(expireAfter);
        List<Change> out = new ArrayList<>();
        var it = nodes.values().iterator();
        while (it.hasNext()) {
            DiscoveredNode n = it.next();
            if (n.lastSeen().isBefore(cutoff)) {
                it.remove();
                out.add(new Change(Kind.REMOVED, n));
            }
        }
        return out;
    }

    synchronized boolean knows(String instance) {
        return nodes.containsKey(key(instance));
    }

    /** A snapshot, ordered by name. */
    synchronized List<DiscoveredNode> nodes() {
        return nodes.values().stream()
                .sorted(Comparator.comparing(DiscoveredNode::name))
                .toList();
    }

    /** mDNS names compare case-insensitively. */
    private static String key(String instance) {
        return instance.toLowerCase(Locale.ROOT);
    }
}
