package io.smollama.node.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The schema of {@code smollama.yaml}: the core sections, plus one section per installed plugin
 * under {@code plugins}. Later features add their sections here. Every key has an environment
 * override derived from its path: {@code http.port} → {@code SMOLLAMA_HTTP_PORT}.
 */
public final class NodeSchema {

    private NodeSchema() {}

    public static final List<String> ROLES = List.of("hub", "node", "edge");

    /** What a node name may be: it ends up in MQTT topics and mDNS names. */
    public static final String NODE_NAME = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";

    /** The least a configured API token must have; generated tokens have 43 characters. */
    public static final int MIN_TOKEN_LENGTH = 16;

    /** Keys of the {@code plugins} section that are settings, not plugin sections: no plugin may use these names. */
    public static final List<String> PLUGINS_SECTION_KEYS = List.of("dir");

    public static final Map<String, String> ROLE_ALIASES = Map.of("llama", "hub", "alpaca", "node");

    /**
     * The root schema. {@code pluginSpecs} maps each installed plugin's name to the keys it accepts;
     * each plugin section also gets {@code enabled} with the plugin's default.
     */
    public static ConfigSpec root(Map<String, ConfigSpec> pluginSpecs, Map<String, Boolean> pluginEnabledByDefault) {
        ConfigSpec node = ConfigSpec.builder()
                .matching(
                        "name",
                        NODE_NAME,
                        "1 to 63 lower-case letters, digits and inner '-' (the name is used in"
                                + " MQTT topics and mDNS)",
                        "This node's name in the cluster; defaults to the host name")
                .enumeration(
                        "role",
                        "node",
                        ROLES,
                        ROLE_ALIASES,
                        "hub (receives sync, runs the broker), node (full node) or edge (sensors only)")
                .build();
        ConfigSpec http = ConfigSpec.builder()
                .string("host", "127.0.0.1", "Address the HTTP API binds to; 0.0.0.0 to serve the LAN")
                .integer("port", 8080, 0, 65535, "HTTP port; 0 picks a free port")
                .secret(
                        "token",
                        MIN_TOKEN_LENGTH,
                        "API token for state-changing calls; when unset, one is generated into token_file")
                .optionalString("token_file", "", "File holding the API token; defaults to <storage.path>/api-token")
                .bool("open_reads", true, "Allow read-only calls without the token (trusted LAN)")
                .integer("max_body_bytes", 1_048_576, 1024, 64L * 1024 * 1024, "Largest request body accepted")
                .build();
        ConfigSpec storage = ConfigSpec.builder()
                .string("path", "~/.smollama/data", "Data directory: the SQLite database, token, plugins")
                .duration(
                        "raw_retention",
                        Duration.ofDays(7),
                        Duration.ofHours(1),
                        Duration.ofDays(3650),
                        "How long raw readings are kept")
                .duration(
                        "minute_retention",
                        Duration.ofDays(90),
                        Duration.ofHours(1),
                        Duration.ofDays(3650),
                        "How long per-minute rollups are kept")
                .duration(
                        "hour_retention",
                        Duration.ofDays(730),
                        Duration.ofDays(1),
                        Duration.ofDays(36500),
                        "How long per-hour rollups are kept")
                .integer("batch_size", 2000, 1, 100_000, "Readings written per transaction at most")
                .duration(
                        "flush_interval",
                        Duration.ofMillis(200),
                        Duration.ofMillis(10),
                        Duration.ofSeconds(60),
                        "Longest a sampled reading waits before it is committed")
                .build();
        ConfigSpec.Builder plugins = ConfigSpec.builder()
                .optionalString("dir", "", "Directory of drop-in plugin jars; defaults to <storage.path>/plugins");
        pluginSpecs.forEach((name, spec) -> plugins.object(
                name,
                ConfigSpec.builder()
                        .bool("enabled", pluginEnabledByDefault.getOrDefault(name, true), "Run this plugin")
                        .build()
                        .with(spec),
                "Settings of the " + name + " plugin"));
        ConfigSpec log = ConfigSpec.builder()
                .enumeration("level", "info", List.of("error", "warn", "info", "debug", "trace"), Map.of(), "Log level")
                .enumeration("format", "text", List.of("text", "json"), Map.of(), "Log line format")
                .build();
        ConfigSpec ollama = ConfigSpec.builder()
                .string("url", "http://127.0.0.1:11434", "Base URL of the Ollama server")
                .string("model", "llama3.2:3b", "Chat model used by the agent and the observation loop")
                .string("embedding_model", "all-minilm:l6-v2", "Embedding model when memory.embedder is ollama")
                .string("keep_alive", "5m", "How long Ollama keeps the model loaded after a call (Ollama's keep_alive)")
                .duration(
                        "connect_timeout",
                        Duration.ofSeconds(5),
                        Duration.ofMillis(100),
                        Duration.ofMinutes(5),
                        "Longest wait to connect to Ollama")
                .duration(
                        "timeout",
                        Duration.ofMinutes(2),
                        Duration.ofSeconds(1),
                        Duration.ofHours(1),
                        "Longest wait for one Ollama answer")
                .build();
        ConfigSpec memory = ConfigSpec.builder()
                .enumeration(
                        "embedder",
                        "local",
                        List.of("local", "ollama"),
                        Map.of(),
                        "local (in-process all-MiniLM-L6-v2, works offline) or ollama (Ollama's /api/embed)")
                .duration(
                        "observation_retention",
                        Duration.ofDays(90),
                        Duration.ofDays(1),
                        Duration.ofDays(36500),
                        "How long observations are kept before they are compacted into summaries and removed")
                .build();
        ConfigSpec observe = ConfigSpec.builder()
                .bool("enabled", true, "Write observations about the readings periodically")
                .duration(
                        "interval",
                        Duration.ofMinutes(5),
                        Duration.ofSeconds(5),
                        Duration.ofDays(1),
                        "Starting interval between observations")
                .duration(
                        "min_interval",
                        Duration.ofMinutes(1),
                        Duration.ofSeconds(5),
                        Duration.ofDays(1),
                        "Shortest interval the adaptive scheduler may choose")
                .duration(
                        "max_interval",
                        Duration.ofMinutes(30),
                        Duration.ofSeconds(5),
                        Duration.ofDays(1),
                        "Longest interval the adaptive scheduler may choose")
                .duration(
                        "lookback",
                        Duration.ofHours(1),
                        Duration.ofMinutes(1),
                        Duration.ofDays(30),
                        "Window of readings each observation looks at")
                .build();
        ConfigSpec agent = ConfigSpec.builder()
                .integer("max_iterations", 8, 1, 100, "Most tool-calling rounds for one question")
                .enumeration(
                        "fallback",
                        "skip",
                        List.of("skip", "queue"),
                        Map.of(),
                        "When the LLM is unreachable: skip (answer with an error) or queue (run when it is back)")
                .integer("retries", 2, 0, 10, "Retries of a failed LLM call, with exponential backoff")
                .duration(
                        "retry_backoff",
                        Duration.ofSeconds(1),
                        Duration.ofMillis(10),
                        Duration.ofMinutes(1),
                        "Wait before the first retry; each further retry waits twice as long")
                .duration(
                        "queue_check_interval",
                        Duration.ofSeconds(15),
                        Duration.ofMillis(50),
                        Duration.ofHours(1),
                        "How often queued questions check whether the LLM is back (fallback: queue)")
                .build();
        ConfigSpec mqtt = ConfigSpec.builder()
                .optionalString("host", "", "MQTT broker host; empty on a hub runs the embedded broker")
                .integer("port", 1883, 0, 65535, "MQTT broker port (also the embedded broker's port)")
                .enumeration(
                        "embedded",
                        "auto",
                        List.of("auto", "true", "false"),
                        Map.of(),
                        "true runs the in-JVM broker on mqtt.port; auto runs it on a hub without mqtt.host")
                .string("prefix", "smollama", "Topic prefix")
                .bool("tls", false, "Connect with TLS")
                .optionalString("username", "", "Broker user name")
                .secret("password", "Broker password")
                .optionalString("client_id", "", "MQTT client id; defaults to smollama-<node name>")
                .strings("agent_topics", List.of(), "Topic filters whose messages are handed to the agent")
                .duration(
                        "publish_interval",
                        Duration.ofSeconds(10),
                        Duration.ofMillis(100),
                        Duration.ofHours(1),
                        "How often an edge node publishes its readings")
                .objects(
                        "qos",
                        ConfigSpec.builder()
                                .optionalString("topic", "", "Topic filter, e.g. smollama/+/events (required)")
                                .integer("level", 1, 0, 2, "QoS 0, 1 or 2")
                                .build(),
                        "QoS of publishes per topic filter (first match wins; default 1)")
                .integer(
                        "outbox_limit",
                        100_000,
                        100,
                        10_000_000,
                        "QoS 1/2 messages kept for a broker that is down; the oldest are dropped beyond this")
                .bool(
                        "discover",
                        true,
                        "Without mqtt.host, a node or edge node uses the broker of the hub found by discovery")
                .integer(
                        "agent_max_per_minute",
                        10,
                        1,
                        600,
                        "Questions from mqtt.agent_topics messages the agent takes per minute; more are dropped")
                .bool(
                        "publish_answers",
                        true,
                        "Publish the agent's answers to MQTT questions to <prefix>/<node>/events")
                .build();
        ConfigSpec sync = ConfigSpec.builder()
                .bool("enabled", false, "Sync observations and memories with a hub")
                .optionalString("hub_url", "", "The hub's base URL; empty finds the hub by discovery")
                .duration(
                        "interval",
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(1),
                        Duration.ofDays(1),
                        "Time between sync rounds")
                .bool("pull", true, "Also bring other nodes' entries from the hub to this node")
                .secret("token", "The hub's API token; empty uses this node's own http.token")
                .build();
        ConfigSpec discovery = ConfigSpec.builder()
                .bool("enabled", true, "Announce this node and find others over mDNS")
                .optionalString("interface", "", "Network interface or address to announce on; empty picks one")
                .build();
        ConfigSpec cluster = ConfigSpec.builder()
                .strings(
                        "nodes",
                        List.of(),
                        "Base URLs of other nodes that belong to the cluster (e.g. http://192.168.1.20:8080), for"
                                + " networks without multicast; discovered and synced nodes join by themselves")
                .duration(
                        "timeout",
                        Duration.ofSeconds(2),
                        Duration.ofMillis(100),
                        Duration.ofMinutes(1),
                        "Longest wait for one node in a cluster view; a node slower than this is left out")
                .duration(
                        "cache",
                        Duration.ofSeconds(3),
                        Duration.ZERO,
                        Duration.ofMinutes(5),
                        "How long a cluster view is reused before the nodes are asked again")
                .duration(
                        "offline_after",
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(1),
                        Duration.ofDays(1),
                        "A node that stops answering is stale until it has not been heard for this long, then offline")
                .bool(
                        "send_token",
                        true,
                        "Send this node's API token with cluster calls to other nodes (a cluster shares one token);"
                                + " false calls them without (their reads must be open)")
                .build();
        return ConfigSpec.builder()
                .object("node", node, "This node")
                .object("http", http, "The HTTP and WebSocket API")
                .object("storage", storage, "Where and how long data is kept")
                .object("plugins", plugins.build(), "Sensor and actuator plugins")
                .object("log", log, "Logging")
                .object("ollama", ollama, "The Ollama LLM server")
                .object("memory", memory, "Observations and memories")
                .object("observe", observe, "The observation loop")
                .object("agent", agent, "The tool-calling agent")
                .object("mqtt", mqtt, "MQTT")
                .object("sync", sync, "Sync with the hub")
                .object("discovery", discovery, "mDNS discovery")
                .object("cluster", cluster, "Cluster views and cross-node recall")
                .build();
    }
}
