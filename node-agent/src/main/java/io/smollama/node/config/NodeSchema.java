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
        return ConfigSpec.builder()
                .object("node", node, "This node")
                .object("http", http, "The HTTP and WebSocket API")
                .object("storage", storage, "Where and how long data is kept")
                .object("plugins", plugins.build(), "Sensor and actuator plugins")
                .object("log", log, "Logging")
                .build();
    }
}
