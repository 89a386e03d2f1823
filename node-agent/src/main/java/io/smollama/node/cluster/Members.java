package io.smollama.node.cluster;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Merges what every {@link MemberSource} knows into one entry per node name. The freshest entry ({@code lastSeen})
 * wins; on a tie, or when none has a time, the more direct source wins ({@code self} over {@code sync} over
 * {@code discovery} over {@code config}). A field the winner lacks (URL, version) is taken from the next freshest
 * entry that has it, and an unnamed configured URL that another entry already names is dropped. Order: by name.
 */
final class Members {

    private static final Logger LOG = Logger.getLogger(Members.class.getName());
    private static final List<String> PRECEDENCE =
            List.of(ClusterMember.SELF, ClusterMember.SYNC, ClusterMember.DISCOVERY, ClusterMember.CONFIG);

    /** One node after merging, with every source that knows it. */
    record Merged(
            String node,
            String role,
            @Nullable URI url,
            @Nullable Instant lastSeen,
            @Nullable String version,
            List<String> via) {

        Merged {
            via = List.copyOf(via);
        }

        boolean isSelf() {
            return via.contains(ClusterMember.SELF);
        }
    }

    private Members() {}

    /** Asks every source; a source that throws is logged and skipped, so one broken source never hides the rest. */
    static List<Merged> collect(List<MemberSource> sources) {
        List<ClusterMember> all = new ArrayList<>();
        for (MemberSource s : sources) {
            try {
                all.addAll(s.members());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a cluster member source failed; its members are left out", e);
            }
        }
        return merge(all);
    }

    static List<Merged> merge(List<ClusterMember> members) {
        Map<String, List<ClusterMember>> byName = new TreeMap<>();
        for (ClusterMember m : members) {
            byName.computeIfAbsent(m.node(), k -> new ArrayList<>()).add(m);
        }
        Set<URI> namedUrls = new HashSet<>();
        members.stream().filter(m -> !m.unnamed() && m.url() != null).forEach(m -> namedUrls.add(m.url()));
        List<Merged> out = new ArrayList<>();
        for (var e : byName.entrySet()) {
            List<ClusterMember> entries = new ArrayList<>(e.getValue());
            entries.sort(FRESHEST_FIRST);
            ClusterMember best = entries.getFirst();
            if (best.unnamed() && best.url() != null && namedUrls.contains(best.url())) {
                continue;
            }
            Map<String, Boolean> via = new LinkedHashMap<>();
            entries.stream()
                    .map(ClusterMember::via)
                    .sorted(Comparator.comparingInt(Members::rank))
                    .forEach(v -> via.put(v, true));
            out.add(new Merged(
                    e.getKey(),
                    entries.stream()
                            .map(ClusterMember::role)
                            .filter(r -> !r.equals("unknown"))
                            .findFirst()
                            .orElse(best.role()),
                    entries.stream()
                            .map(ClusterMember::url)
                            .filter(u -> u != null)
                            .findFirst()
                            .orElse(null),
                    best.lastSeen(),
                    entries.stream()
                            .map(ClusterMember::version)
                            .filter(v -> v != null && !v.isBlank())
                            .findFirst()
                            .orElse(null),
                    List.copyOf(via.keySet())));
        }
        return out;
    }

    private static final Comparator<ClusterMember> FRESHEST_FIRST = Comparator.comparing(
                    ClusterMember::lastSeen, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
            .reversed()
            .thenComparingInt(m -> rank(m.via()));

    private static int rank(String via) {
        int i = PRECEDENCE.indexOf(via);
        return i < 0 ? PRECEDENCE.size() : i;
    }
}
