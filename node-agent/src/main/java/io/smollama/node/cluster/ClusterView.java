package io.smollama.node.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import io.smollama.common.ComponentHealth;
import io.smollama.common.Health;
import io.smollama.common.Json;
import io.smollama.common.NodeStats;
import io.smollama.common.Observation;
import io.smollama.common.Reading;
import io.smollama.common.RecallHit;
import io.smollama.common.RecallQuery;
import io.smollama.common.cluster.ClusterNode;
import io.smollama.common.cluster.ClusterNodes;
import io.smollama.common.cluster.ClusterObservations;
import io.smollama.common.cluster.ClusterReadings;
import io.smollama.common.cluster.ClusterStats;
import io.smollama.common.cluster.NodeError;
import io.smollama.node.agent.AgentTool;
import io.smollama.node.memory.MemoryBook;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The cluster as this node sees it, for {@code /api/cluster/...}. Members come from every {@link MemberSource}
 * (merged by name); their health, readings and stats are fetched from all of them in parallel, each call bounded by
 * {@code cluster.timeout}, and each view is reused for {@code cluster.cache}, so a dead node never stalls a view and
 * a burst of requests causes one fan-out. Observations come from this node's own store, which on a hub holds every
 * node's (sync materialises them there).
 */
public final class ClusterView implements AutoCloseable {

    private static final JavaType HEALTH = Json.mapper().constructType(Health.class);
    private static final JavaType STATS = Json.mapper().constructType(NodeStats.class);
    private static final JavaType READINGS =
            Json.mapper().getTypeFactory().constructType(new TypeReference<List<Reading>>() {});

    /** A member with its latest probe. */
    record Probed(
            Members.Merged member,
            NodeState state,
            @Nullable Health health,
            @Nullable PeerError error,
            long millis) {}

    private final String self;
    private final ClusterSettings settings;
    private final Clock clock;
    private final @Nullable MemoryBook memory;
    private final List<MemberSource> sources = new CopyOnWriteArrayList<>();
    private final ConfiguredMembers configured;
    private final PeerClient peers;
    private final Map<String, Instant> lastAnswered = new ConcurrentHashMap<>();
    private final TimedCache<List<Probed>> probes;
    private final TimedCache<ClusterReadings> readings;
    private final TimedCache<ClusterStats> stats;

    /**
     * {@code self} is this node's name; {@code token} (null: none) goes with every call to another node;
     * {@code memory} is this node's store (null on an edge node).
     */
    public ClusterView(
            String self,
            ClusterSettings settings,
            @Nullable String token,
            @Nullable MemoryBook memory,
            List<MemberSource> sources,
            Clock clock) {
        this.self = self;
        this.settings = settings;
        this.clock = clock;
        this.memory = memory;
        this.configured = new ConfiguredMembers(settings.nodes());
        this.sources.addAll(sources);
        this.sources.add(configured);
        this.peers = new PeerClient(settings.timeout(), settings.sendToken() ? token : null);
        this.probes = new TimedCache<>(clock, settings.cache());
        this.readings = new TimedCache<>(clock, settings.cache());
        this.stats = new TimedCache<>(clock, settings.cache());
    }

    /** Adds a source of members (sync's peers, for one). */
    public void addSource(MemberSource source) {
        sources.add(source);
    }

    /** Every known node with its state and health summary. */
    public ClusterNodes nodes() {
        List<ClusterNode> nodes = probe().stream().map(ClusterView::view).toList();
        return new ClusterNodes(self, clock.instant(), nodes);
    }

    /** Every member, merged, without probing them. */
    List<Members.Merged> members() {
        return Members.collect(sources);
    }

    /** The members with their health, probed in parallel (cached). */
    List<Probed> probe() {
        return probes.get(() -> {
            List<Members.Merged> members = members();
            List<CompletableFuture<PeerClient.Answer<Health>>> calls = new ArrayList<>();
            for (Members.Merged m : members) {
                calls.add(
                        m.url() == null
                                ? CompletableFuture.completedFuture(new PeerClient.Answer<>(
                                        null, new PeerError(PeerError.Kind.UNREACHABLE, "no URL is known"), 0))
                                : peers.get(m.url(), "/api/health", HEALTH, true));
            }
            List<Probed> out = new ArrayList<>();
            Instant now = clock.instant();
            for (int i = 0; i < members.size(); i++) {
                Members.Merged m = members.get(i);
                PeerClient.Answer<Health> a = calls.get(i).join();
                if (a.value() != null) {
                    lastAnswered.put(m.node(), now);
                    if (m.url() != null) {
                        configured.learn(m.url(), a.value(), now);
                    }
                }
                Instant heard = latest(m.lastSeen(), lastAnswered.get(m.node()));
                NodeState state = NodeState.classify(a.error(), heard, now, settings.offlineAfter());
                out.add(new Probed(withHeard(m, heard, a.value()), state, a.value(), a.error(), a.millis()));
            }
            // a configured URL listed under its address until now may have answered with its name
            out.sort(Comparator.comparing(p -> p.member().node()));
            return List.copyOf(out);
        });
    }

    private static Members.Merged withHeard(Members.Merged m, @Nullable Instant heard, @Nullable Health h) {
        String role = h != null ? h.role() : m.role();
        String version = h != null ? h.version() : m.version();
        String node = h != null && m.node().contains(":") ? h.node() : m.node();
        return new Members.Merged(node, role, m.url(), heard, version, m.via());
    }

    private static @Nullable Instant latest(@Nullable Instant a, @Nullable Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static ClusterNode view(Probed p) {
        Members.Merged m = p.member();
        Health h = p.health();
        ClusterNode.Summary summary = h == null ? null : summary(h);
        NodeError error = p.error() == null
                ? null
                : new NodeError(
                        m.node(), m.url(), p.error().kind().code(), p.error().message());
        return new ClusterNode(
                m.node(),
                m.role(),
                m.url(),
                m.via(),
                p.state().word(),
                m.lastSeen(),
                m.version(),
                h == null ? Map.of() : h.build(),
                summary,
                error,
                h == null ? null : p.millis());
    }

    static ClusterNode.Summary summary(Health h) {
        Map<String, String> problems = new LinkedHashMap<>();
        h.components().entrySet().stream()
                .filter(e -> e.getValue().status() == ComponentHealth.Status.DEGRADED
                        || e.getValue().status() == ComponentHealth.Status.DOWN)
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> problems.put(
                        e.getKey(),
                        e.getValue().status().name().toLowerCase(Locale.ROOT)
                                + (e.getValue().detail() == null
                                        ? ""
                                        : ": " + e.getValue().detail())));
        return new ClusterNode.Summary(h.status(), h.uptimeSeconds(), problems, h.counts());
    }

    /** The latest readings of every reachable node; the others are listed as errors. */
    public ClusterReadings readings() {
        return readings.get(() -> {
            List<Probed> probed = probe();
            List<NodeError> errors = new ArrayList<>();
            Map<Probed, CompletableFuture<PeerClient.Answer<List<Reading>>>> calls = new LinkedHashMap<>();
            for (Probed p : probed) {
                if (p.state() != NodeState.REACHABLE || p.member().url() == null) {
                    errors.add(notReachable(p));
                } else {
                    calls.put(p, peers.get(p.member().url(), "/api/readings", READINGS, false));
                }
            }
            // a reading may come twice (an edge node's, from it and from the hub that ingests its MQTT): keep the
            // newest
            Map<String, Reading> latest = new LinkedHashMap<>();
            calls.forEach((p, call) -> {
                PeerClient.Answer<List<Reading>> a = call.join();
                if (a.value() == null) {
                    errors.add(errorOf(p, a.error()));
                    return;
                }
                for (Reading r : a.value()) {
                    latest.merge(
                            r.node() + "/" + r.source(),
                            r,
                            (x, y) -> y.timestamp().isAfter(x.timestamp()) ? y : x);
                }
            });
            List<Reading> all = new ArrayList<>(latest.values());
            all.sort(Comparator.comparing(Reading::node).thenComparing(Reading::source));
            return new ClusterReadings(clock.instant(), all, errors);
        });
    }

    /** Counts per reachable node and their totals; the others are listed as errors. */
    public ClusterStats stats() {
        return stats.get(() -> {
            List<Probed> probed = probe();
            List<NodeError> errors = new ArrayList<>();
            Map<Probed, CompletableFuture<PeerClient.Answer<NodeStats>>> calls = new LinkedHashMap<>();
            for (Probed p : probed) {
                if (p.state() != NodeState.REACHABLE || p.member().url() == null) {
                    errors.add(notReachable(p));
                } else {
                    calls.put(p, peers.get(p.member().url(), "/api/stats", STATS, false));
                }
            }
            List<ClusterStats.NodeCounts> nodes = new ArrayList<>();
            calls.forEach((p, call) -> {
                PeerClient.Answer<NodeStats> a = call.join();
                NodeStats s = a.value();
                if (s == null) {
                    errors.add(errorOf(p, a.error()));
                    return;
                }
                Long items = p.health() == null ? null : p.health().counts().get("memoryItems");
                nodes.add(new ClusterStats.NodeCounts(
                        p.member().node(),
                        s.readingsTotal(),
                        s.sources(),
                        s.databaseBytes(),
                        s.readingsPerSecond(),
                        s.newestReading(),
                        items));
            });
            ClusterStats.Totals total = new ClusterStats.Totals(
                    probed.size(),
                    nodes.size(),
                    nodes.stream().mapToLong(ClusterStats.NodeCounts::readings).sum(),
                    nodes.stream().mapToLong(ClusterStats.NodeCounts::sources).sum(),
                    nodes.stream()
                            .mapToLong(ClusterStats.NodeCounts::databaseBytes)
                            .sum(),
                    nodes.stream()
                            .mapToDouble(ClusterStats.NodeCounts::readingsPerSecond)
                            .sum(),
                    nodes.stream()
                            .map(ClusterStats.NodeCounts::memoryItems)
                            .filter(v -> v != null)
                            .mapToLong(Long::longValue)
                            .sum());
            return new ClusterStats(clock.instant(), nodes, total, errors);
        });
    }

    /**
     * Observations from this node's merged store, newest first (most relevant first with a {@code query}), optionally
     * of one {@code node}; with how fresh each known node's part of the store is (the members as last probed). Empty when this node keeps no memory.
     */
    public Optional<ClusterObservations> observations(
            @Nullable String query, int limit, @Nullable String type, @Nullable Instant since, @Nullable String node) {
        MemoryBook book = memory;
        if (book == null) {
            return Optional.empty();
        }
        List<Observation> found = new ArrayList<>();
        if (query == null) {
            found.addAll(book.recentObservations(limit, type, since, node));
        } else {
            for (RecallHit h :
                    book.recall(new RecallQuery(query, limit, Set.of("observation"), type, since, node, false))) {
                if (h.observation() != null) {
                    found.add(h.observation().withScore(h.score()));
                }
            }
        }
        List<ClusterObservations.Freshness> freshness = new ArrayList<>();
        List<String> names = node != null
                ? List.of(node)
                : probe().stream()
                        .map(p -> p.member().node())
                        .filter(n -> !n.contains(":")) // a configured URL that never answered names no node yet
                        .toList();
        for (String n : names) {
            List<Observation> newest = book.recentObservations(1, null, null, n);
            freshness.add(new ClusterObservations.Freshness(
                    n, newest.isEmpty() ? null : newest.getFirst().createdAt()));
        }
        return Optional.of(new ClusterObservations(self, clock.instant(), found, freshness));
    }

    private static NodeError notReachable(Probed p) {
        String why = p.error() == null ? "its health did not answer" : p.error().message();
        return new NodeError(
                p.member().node(), p.member().url(), p.state().word(), p.state().word() + ": " + why);
    }

    private static NodeError errorOf(Probed p, @Nullable PeerError e) {
        return e == null
                ? new NodeError(p.member().node(), p.member().url(), "bad_response", "no answer")
                : new NodeError(p.member().node(), p.member().url(), e.kind().code(), e.message());
    }

    /**
     * The agent tool {@code cross_node_recall} over {@code local} (this node's store); on a node that is not a hub
     * it asks the hub at {@code hubUrl} (when one is known) with this view's timeout and token.
     */
    public AgentTool crossNodeRecall(boolean isHub, MemoryBook local, Supplier<Optional<URI>> hubUrl) {
        return new CrossNodeRecall(self, isHub, local, hubUrl, peers);
    }

    /** A hub among the members (not this node), as far as they are known without probing. */
    public Optional<URI> knownHub() {
        return members().stream()
                .filter(m -> !m.isSelf() && (m.role().equals("hub") || m.role().equals("llama")))
                .map(Members.Merged::url)
                .filter(u -> u != null)
                .findFirst();
    }

    @Override
    public void close() {
        peers.close();
    }
}
