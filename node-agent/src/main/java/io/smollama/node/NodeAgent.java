package io.smollama.node;

import io.helidon.webserver.http.HttpService;
import io.smollama.common.ComponentHealth;
import io.smollama.common.Health;
import io.smollama.common.NodeEvent;
import io.smollama.common.PluginInfo;
import io.smollama.node.agent.AgentSettings;
import io.smollama.node.agent.AgentTools;
import io.smollama.node.agent.ChatHttpService;
import io.smollama.node.agent.ChatService;
import io.smollama.node.agent.OllamaLlm;
import io.smollama.node.cluster.ClusterHttpService;
import io.smollama.node.cluster.ClusterMember;
import io.smollama.node.cluster.ClusterSettings;
import io.smollama.node.cluster.ClusterView;
import io.smollama.node.cluster.MemberSources;
import io.smollama.node.config.NodeConfig;
import io.smollama.node.discovery.DiscoveryHttpService;
import io.smollama.node.discovery.DiscoverySettings;
import io.smollama.node.discovery.NodeDiscovery;
import io.smollama.node.events.EventBus;
import io.smollama.node.events.EventStream;
import io.smollama.node.health.HealthHttpService;
import io.smollama.node.health.HealthReport;
import io.smollama.node.http.ApiServer;
import io.smollama.node.http.ApiToken;
import io.smollama.node.http.OpenApiHttpService;
import io.smollama.node.http.TokenAuth;
import io.smollama.node.memory.Embedder;
import io.smollama.node.memory.MemoryBook;
import io.smollama.node.memory.MemoryHttpService;
import io.smollama.node.memory.MemorySettings;
import io.smollama.node.memory.MemoryStore;
import io.smollama.node.memory.ObservedEmbedder;
import io.smollama.node.metrics.MetricRegistry;
import io.smollama.node.metrics.MetricsHttpService;
import io.smollama.node.mqtt.MqttService;
import io.smollama.node.mqtt.MqttSettings;
import io.smollama.node.mqttagent.MqttQuestions;
import io.smollama.node.mqttagent.MqttTools;
import io.smollama.node.observe.ObserveComponent;
import io.smollama.node.observe.ObserveSettings;
import io.smollama.node.plugin.PluginHost;
import io.smollama.node.plugin.PluginsHttpService;
import io.smollama.node.readings.ReadingSampler;
import io.smollama.node.readings.ReadingsHttpService;
import io.smollama.node.store.Database;
import io.smollama.node.store.ReadingLog;
import io.smollama.node.store.ReadingWriter;
import io.smollama.node.store.Retention;
import io.smollama.node.store.StoreException;
import io.smollama.node.store.StoreSettings;
import io.smollama.node.sync.SyncHttpService;
import io.smollama.node.sync.SyncLog;
import io.smollama.node.sync.SyncService;
import io.smollama.node.sync.SyncSettings;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * The node-agent process: the one place that builds its components in dependency order (data
 * directory lock → store → plugins → sampler → HTTP) and closes them in reverse. Closing flushes
 * every pending reading before the database closes.
 */
public final class NodeAgent implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(NodeAgent.class.getName());
    static final Duration RETENTION_PERIOD = Duration.ofMinutes(10);

    private final NodeConfig config;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final String token;
    private final ReadingWriter writer;
    private final ReadingSampler sampler;
    private final PluginHost plugins;
    private final MqttService mqtt;
    private final ObserveComponent observe;
    private final HealthReport health;
    private final ApiServer server;
    private final NodeDiscovery discovery;
    private final ClusterView cluster;
    private final @Nullable MemoryStore memory;
    private final MetricRegistry metrics;
    private final @Nullable SyncService sync;
    private volatile boolean storeReadable = true;
    private volatile String storeReadError = "";

    private NodeAgent(AgentConfig agentConfig, Clock clock) throws IOException {
        this.config = agentConfig.node();
        String name = config.name();
        NodeConfig.Storage storage = config.storage();
        @Nullable SyncLog syncLog = null;
        Runnable startSync = () -> {};
        try {
            resources.push(DataDirectoryLock.acquire(storage.path()));
            this.token = ApiToken.resolve(config.http().token(), config.http().tokenFile());

            this.metrics = NodeMetrics.create();
            EventBus bus = new EventBus();
            Database db = Database.open(storage.path());
            resources.push(db);
            StoreSettings storeSettings = new StoreSettings(
                    storage.path(),
                    storage.rawRetention(),
                    storage.minuteRetention(),
                    storage.hourRetention(),
                    storage.batchSize(),
                    storage.flushInterval());
            ReadingLog log = new ReadingLog(db, clock);
            this.writer = ReadingWriter.start(log, storeSettings, clock);
            resources.push(writer);
            writer.addListener(batch -> batch.forEach(r -> bus.publish(new NodeEvent.ReadingEvent(name, r))));

            ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "housekeeping");
                t.setDaemon(true);
                return t;
            });
            resources.push(housekeeping::shutdownNow);
            new Retention(db, storeSettings, clock).schedule(housekeeping, RETENTION_PERIOD);

            // MQTT before the sampler, so an edge node publishes from its first reading
            this.mqtt = MqttService.start(
                    MqttSettings.from(
                            agentConfig.loaded().settings().section("mqtt"),
                            config,
                            agentConfig.loaded().settings().section("discovery").bool("enabled")),
                    db,
                    writer::submit,
                    clock);
            resources.push(mqtt);
            writer.addListener(mqtt::committed);

            this.plugins = new PluginHost(agentConfig.plugins(), clock);
            resources.push(plugins);
            plugins.start(agentConfig.loaded().settings().section("plugins"), name, storage.path());

            this.sampler = new ReadingSampler(name, clock, writer::submit);
            resources.push(sampler);
            plugins.sensors().forEach(sampler::start);
            NodeMetrics.readings(metrics, writer, sampler, plugins);
            NodeMetrics.mqtt(metrics, mqtt);

            // memory: embeddings, observations and memories, hybrid search (not on edge nodes)
            if (config.role() != NodeConfig.Role.EDGE) {
                MemorySettings memorySettings =
                        MemorySettings.from(agentConfig.loaded().settings(), storage.path());
                Embedder embedder =
                        new ObservedEmbedder(memorySettings.createEmbedder(), NodeMetrics.embedder(metrics));
                resources.push(embedder);
                // every change is logged for sync, enabled or not, so enabling it later pushes the history
                syncLog = new SyncLog(db, name, clock);
                this.memory = MemoryStore.open(db, embedder, name, clock, bus::publish, syncLog);
                resources.push(memory);
                NodeMetrics.memory(metrics, memory);
            } else {
                this.memory = null;
            }

            this.discovery = NodeDiscovery.start(
                    DiscoverySettings.from(agentConfig.loaded().settings().section("discovery")),
                    new NodeDiscovery.Identity(
                            name,
                            config.role().word(),
                            BuildInfo.version(),
                            config.http().openReads()),
                    clock);
            resources.push(discovery);
            // a node without mqtt.host uses the broker of the hub discovery finds, and follows it
            discovery.hubs().onChange(mqtt::followHub);
            mqtt.followHub(discovery.hubs().hub());

            // sync: every node with memory takes pushes and serves pulls; a node with sync.enabled syncs to its hub
            SyncSettings syncSettings =
                    SyncSettings.from(agentConfig.loaded().settings().section("sync"));
            if (memory != null && syncLog != null) {
                SyncService s = new SyncService(
                        syncLog,
                        memory,
                        new SyncService.Identity(name, config.role().word(), BuildInfo.version(), () -> baseUri()
                                .toString()),
                        syncSettings,
                        clock);
                resources.push(s);
                if (syncSettings.enabled() && config.role() == NodeConfig.Role.NODE) {
                    discovery.hubs().onChange(hub -> s.wake());
                    startSync = () -> s.startLoop(
                            () -> discovery
                                    .hubs()
                                    .hub()
                                    .map(h -> URI.create(h.baseUrl().toString().replaceAll("/+$", "") + h.apiPath())),
                            syncSettings.token().orElse(token),
                            discovery::recheck);
                } else if (syncSettings.enabled() && config.role() == NodeConfig.Role.HUB) {
                    LOG.info("sync.enabled on a hub: it takes pushes from nodes and syncs with no other hub");
                }
                this.sync = s;
            } else {
                this.sync = null;
            }

            TokenAuth auth = new TokenAuth(token, config.http().openReads());
            EventStream events = new EventStream(name, bus, auth);
            resources.push(events);
            NodeMetrics.events(metrics, events);
            List<HttpService> features = new ArrayList<>();
            List<HealthReport.Component> featureHealth = new ArrayList<>();
            List<Supplier<Map<String, Long>>> featureCounts = new ArrayList<>();
            if (memory != null) {
                features.add(new MemoryHttpService(memory, config.http().maxBodyBytes()));
                featureHealth.add(this::memoryHealth);
                MemoryStore store = memory;
                featureCounts.add(
                        () -> Map.of("memoryItems", (long) store.status().items()));
            }
            if (sync != null) {
                features.add(new SyncHttpService(sync, config.http().maxBodyBytes()));
                featureHealth.add(sync::health);
                featureCounts.add(sync::counts);
            }

            // cluster views: this node, the nodes discovery sees and cluster.nodes, fanned out to in parallel
            this.cluster = new ClusterView(
                    name,
                    ClusterSettings.from(agentConfig.loaded().settings().section("cluster")),
                    token,
                    memory,
                    List.of(
                            MemberSources.self(name, config.role().word(), BuildInfo.version(), this::baseUri, clock),
                            MemberSources.discovery(discovery)),
                    clock);
            resources.push(cluster);
            if (sync != null) { // the nodes that push to this one (on a hub: every syncing node)
                SyncService peers = sync;
                cluster.addSource(() -> peers.peers().stream()
                        .map(p -> new ClusterMember(
                                p.node(),
                                p.role() == null ? "node" : p.role(),
                                p.url() == null
                                        ? null
                                        : ClusterSettings.baseUrl(p.url()).orElse(null),
                                p.lastSeen(),
                                p.version(),
                                ClusterMember.SYNC))
                        .toList());
                NodeMetrics.sync(metrics, peers::lagSeconds, peers::pending);
            }
            features.add(new ClusterHttpService(cluster));

            // agent and chat: the LLM client, the tools and the chat API; not on edge nodes
            @Nullable MemoryBook memoryBook = memory;
            @Nullable OllamaLlm llm = null;
            if (config.role() != NodeConfig.Role.EDGE) {
                AgentSettings agentSettings =
                        AgentSettings.from(agentConfig.loaded().settings());
                // the observation loop's LlmClient too
                llm = new OllamaLlm(agentSettings, clock, NodeMetrics.llm(metrics));
                AgentTools tools = new AgentTools(log, sampler, plugins.actuators(), memoryBook, clock);
                ChatService chat = ChatService.start(name, db, llm, tools::all, bus, clock);
                resources.push(chat);
                features.add(new ChatHttpService(chat, config.http().maxBodyBytes()));
                featureHealth.add(chat::health);
                if (memoryBook != null) { // cross_node_recall: the hub's merged memory (this node's own on a hub)
                    Optional<URI> syncHub = syncSettings.hubUrl();
                    ClusterView view = cluster;
                    Supplier<Optional<URI>> hubUrl =
                            () -> syncHub.or(() -> discovery.hubs().hubUrl()).or(view::knownHub);
                    tools.add(view.crossNodeRecall(config.role() == NodeConfig.Role.HUB, memoryBook, hubUrl));
                }
                NodeMetrics.chat(metrics, chat);
                if (mqtt.settings().enabled()) { // MQTT tools, and messages on mqtt.agent_topics as questions
                    new MqttTools(mqtt).tools().forEach(tools::add);
                    MqttQuestions questions = MqttQuestions.start(
                            mqtt,
                            chat,
                            MqttQuestions.QuestionSettings.from(
                                    agentConfig.loaded().settings().section("mqtt")),
                            bus,
                            clock);
                    resources.push(questions);
                    featureCounts.add(questions::counts);
                    MqttSettings ms = mqtt.settings();
                    if (!ms.agentTopics().isEmpty() && ms.username().isEmpty()) {
                        LOG.warning("mqtt.agent_topics is set and the broker is used without a user name: anyone who"
                                + " can publish to it can ask this node's agent, which can switch its actuators;"
                                + " set mqtt.username and mqtt.password (the embedded broker then admits only them)");
                    }
                }
            }

            // observation loop: writes observations with the LLM (or statistics) into memory; not on edge nodes
            this.observe = ObserveComponent.start(
                    name,
                    config.role(),
                    ObserveSettings.from(agentConfig.loaded().settings()),
                    log,
                    memoryBook,
                    llm,
                    clock);
            resources.push(observe);
            featureHealth.add(observe::health);

            this.health = new HealthReport(
                    name,
                    config.role().word(),
                    BuildInfo.version(),
                    BuildInfo.asMap(),
                    clock,
                    clock.instant(),
                    concat(
                            List.of(
                                    this::storeAndSamplerHealth,
                                    this::pluginHealth,
                                    discovery::health,
                                    () -> Map.of(
                                            "http", ComponentHealth.up(events.clientCount() + " WebSocket clients")),
                                    mqtt::health),
                            featureHealth),
                    () -> {
                        Map<String, Long> counts = new LinkedHashMap<>(counts(log, events));
                        counts.putAll(mqtt.counts());
                        featureCounts.forEach(c -> counts.putAll(c.get()));
                        return counts;
                    });
            this.server = new ApiServer(
                    config.http().host(),
                    config.http().port(),
                    config.http().maxBodyBytes(),
                    auth,
                    metrics,
                    concat(
                            List.of(
                                    new HealthHttpService(health),
                                    new ReadingsHttpService(name, log, sampler, clock),
                                    new PluginsHttpService(
                                            plugins, config.http().maxBodyBytes()),
                                    new DiscoveryHttpService(discovery),
                                    new OpenApiHttpService(),
                                    new MetricsHttpService(metrics)),
                            features),
                    events);
            server.start();
            resources.push(server);
            startSync.run(); // the loop tells the hub this node's URL, known once the server listens
            resources.push(events::close); // say goodbye to WebSocket clients before the server stops
            discovery.announce(server.port(), caps(llm != null, memoryBook != null), Math.max(0, mqtt.brokerPort()));
            resources.push(discovery::close); // and to the LAN first (closing twice is harmless)
        } catch (IOException | RuntimeException e) {
            closeResources();
            throw e;
        }
    }

    /** The features this node runs, for its mDNS {@code caps}. */
    private List<String> caps(boolean chat, boolean memory) {
        List<String> caps = new ArrayList<>(List.of("readings"));
        if (!plugins.actuators().list().isEmpty()) {
            caps.add("actuators");
        }
        if (chat) {
            caps.add("chat");
        }
        if (memory) {
            caps.add("memory");
        }
        if (mqtt.brokerPort() > 0) {
            caps.add("mqtt"); // with TXT mqtt=<port>: a broker other nodes may use
        }
        return caps;
    }

    private static <T> List<T> concat(List<? extends T> a, List<? extends T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Builds and starts a node-agent; on failure everything already opened is closed again. */
    public static NodeAgent start(AgentConfig config, Clock clock) throws IOException {
        return new NodeAgent(config, clock);
    }

    public NodeConfig config() {
        return config;
    }

    public int port() {
        return server.port();
    }

    /** The URL clients use; a wildcard bind address is reached over loopback. */
    public URI baseUri() {
        String host = config.http().host();
        if (host.equals("0.0.0.0") || host.equals("::") || host.isBlank()) {
            host = "127.0.0.1";
        }
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port());
    }

    /**
     * The node's metrics ({@code GET /metrics}): a component built here registers its figures, e.g.
     * {@code metrics().gauge("smollama_sync_lag_seconds", "…", () -> …)}.
     */
    public MetricRegistry metrics() {
        return metrics;
    }

    /** The API token (never log it). */
    public String token() {
        return token;
    }

    /** Discovery on the LAN: the nodes seen and the hub to sync with ({@link NodeDiscovery#hubs()}). */
    public NodeDiscovery discovery() {
        return discovery;
    }

    /** The cluster as this node sees it: members, their state, fan-out views (sync adds its peers as a source). */
    public ClusterView cluster() {
        return cluster;
    }

    /** The node's MQTT: publish, recent messages, the agent hook (disabled when no broker is configured). */
    public MqttService mqtt() {
        return mqtt;
    }

    public Health health() {
        return health.current();
    }

    private Map<String, ComponentHealth> storeAndSamplerHealth() {
        Map<String, ComponentHealth> m = new LinkedHashMap<>();
        m.put(
                "store",
                storeReadable
                        ? writer.status().health()
                        : ComponentHealth.down("the database cannot be read: " + storeReadError));
        var sources = sampler.sources();
        long failing = sources.stream().filter(s -> s.lastError() != null).count();
        m.put(
                "sampler",
                failing == 0
                        ? ComponentHealth.up(sources.size() + " sources")
                        : new ComponentHealth(
                                ComponentHealth.Status.DEGRADED,
                                failing + " of " + sources.size() + " sources failing"));
        return m;
    }

    /** The node's memory; empty on an edge node. */
    public Optional<MemoryBook> memory() {
        return Optional.ofNullable(memory);
    }

    /** Sync on this node (its peers, its log, the loop towards the hub); empty on an edge node. */
    public Optional<SyncService> sync() {
        return Optional.ofNullable(sync);
    }

    private Map<String, ComponentHealth> memoryHealth() {
        return memory == null ? Map.of() : Map.of("memory", memory.status().health());
    }

    private Map<String, ComponentHealth> pluginHealth() {
        Map<String, ComponentHealth> m = new LinkedHashMap<>();
        for (PluginInfo p : plugins.status()) {
            ComponentHealth.Status status =
                    switch (p.state()) {
                        case "RUNNING" ->
                            p.reason() != null && p.reason().startsWith("degraded")
                                    ? ComponentHealth.Status.DEGRADED
                                    : ComponentHealth.Status.UP;
                        case "FAILED" -> ComponentHealth.Status.DOWN;
                        default -> ComponentHealth.Status.DISABLED;
                    };
            m.put(
                    "plugin." + p.name(),
                    new ComponentHealth(status, p.state() + (p.reason() == null ? "" : ": " + p.reason())));
        }
        return m;
    }

    private Map<String, Long> counts(ReadingLog log, EventStream events) {
        try {
            var sources = log.sources();
            long readings = 0;
            for (var s : sources) {
                readings += s.readings();
            }
            storeReadable = true;
            return Map.of(
                    "readings", readings, "sources", (long) sources.size(), "wsClients", (long) events.clientCount());
        } catch (StoreException e) {
            // health must answer (as "down") precisely when the database does not
            storeReadable = false;
            storeReadError = e.getMessage();
            LOG.log(Level.WARNING, "health: the database cannot be read", e);
            return Map.of("wsClients", (long) events.clientCount());
        }
    }

    /** Stops serving, stops sampling, commits every pending reading, then closes the database. */
    @Override
    public void close() {
        closeResources();
    }

    private void closeResources() {
        while (!resources.isEmpty()) {
            AutoCloseable r = resources.pop();
            try {
                r.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing " + r.getClass().getSimpleName() + " failed", e);
            }
        }
    }
}
