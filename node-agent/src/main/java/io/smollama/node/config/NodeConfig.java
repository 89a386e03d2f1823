package io.smollama.node.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The core settings of a node as the agent uses them: names canonical, paths absolute, defaults
 * that depend on other settings filled in ({@code token_file} and {@code plugins.dir} under
 * {@code storage.path}, the node name from the host name).
 */
public record NodeConfig(String name, Role role, Http http, Storage storage, Path pluginsDirectory, Log log) {

    private static final String FALLBACK_NAME = "smollama-node";

    /** What this node does in the cluster; the config word is {@link #word()}. */
    public enum Role {
        HUB,
        NODE,
        EDGE;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The HTTP API. {@code toString} masks the token so it cannot reach a log. */
    public record Http(
            String host, int port, Optional<String> token, Path tokenFile, boolean openReads, long maxBodyBytes) {
        @Override
        public String toString() {
            return "Http[host=" + host + ", port=" + port + ", token="
                    + (token.isPresent() ? EffectiveConfig.MASK : EffectiveConfig.UNSET) + ", tokenFile=" + tokenFile
                    + ", openReads=" + openReads + ", maxBodyBytes=" + maxBodyBytes + "]";
        }
    }

    public record Storage(
            Path path,
            Duration rawRetention,
            Duration minuteRetention,
            Duration hourRetention,
            int batchSize,
            Duration flushInterval) {}

    /** {@code level} is one of error, warn, info, debug, trace; {@code format} is text or json. */
    public record Log(String level, String format) {}

    /** The node config, naming the node after this machine's host name unless {@code node.name} is set. */
    public static NodeConfig from(LoadedConfig config) {
        return from(config, localHostName());
    }

    /**
     * The node config; {@code hostName} names the node when {@code node.name} is not set. Throws
     * {@link ConfigException} when {@code node.name} cannot name a node.
     */
    public static NodeConfig from(LoadedConfig config, String hostName) {
        Settings root = config.settings();
        Path storagePath = config.resolvePath(root.string("storage.path"));
        Settings http = root.section("http");
        Settings storage = root.section("storage");
        Settings log = root.section("log");
        return new NodeConfig(
                nodeName(root, hostName),
                Role.valueOf(root.string("node.role").toUpperCase(Locale.ROOT)),
                new Http(
                        http.string("host"),
                        Math.toIntExact(http.integer("port")),
                        token(http),
                        http.optionalString("token_file")
                                .map(config::resolvePath)
                                .orElse(storagePath.resolve("api-token")),
                        http.bool("open_reads"),
                        http.integer("max_body_bytes")),
                new Storage(
                        storagePath,
                        storage.duration("raw_retention"),
                        storage.duration("minute_retention"),
                        storage.duration("hour_retention"),
                        Math.toIntExact(storage.integer("batch_size")),
                        storage.duration("flush_interval")),
                root.optionalString("plugins.dir").map(config::resolvePath).orElse(storagePath.resolve("plugins")),
                new Log(log.string("level"), log.string("format")));
    }

    /**
     * Where plugin jars are, before the plugins (and so the full schema) are known: {@code plugins.dir},
     * else {@code <storage.path>/plugins}, with environment overrides applied.
     */
    public static Path pluginsDirectory(RawConfig raw) {
        return raw.peekPath("plugins.dir").orElseGet(() -> raw.peekPath("storage.path")
                .orElseGet(() -> raw.resolvePath(defaultStoragePath()))
                .resolve("plugins"));
    }

    private static String defaultStoragePath() {
        ConfigSpec.Type storage = NodeSchema.root(Map.of(), Map.of())
                .field("storage")
                .orElseThrow()
                .type();
        Object path = ((ConfigSpec.ObjectType) storage)
                .spec()
                .field("path")
                .orElseThrow()
                .defaultValue();
        return String.valueOf(path);
    }

    private static String nodeName(Settings root, String hostName) {
        Optional<String> configured =
                root.optionalString("node.name").map(String::strip).filter(n -> !n.isEmpty());
        if (configured.isEmpty()) {
            return sanitise(hostName);
        }
        return configured.get().strip(); // the schema has checked it against NodeSchema.NODE_NAME
    }

    /** The least a configured API token must have; generated tokens have 43 characters. */
    static final int MIN_TOKEN_LENGTH = 16;

    /** A configured token, trimmed; blank counts as unset. Too short a token is an error (its value is never shown). */
    private static Optional<String> token(Settings http) {
        Optional<String> token = http.optionalString("token").map(String::strip).filter(t -> !t.isEmpty());
        if (token.isPresent() && token.get().length() < MIN_TOKEN_LENGTH) {
            throw new ConfigException(List.of(new ConfigProblem(
                    http.origin("token"),
                    "http.token",
                    "expected at least " + MIN_TOKEN_LENGTH + " characters (or leave it unset to have one generated),"
                            + " got " + token.get().length())));
        }
        return token;
    }

    /** A host name made into a node name: {@code Kitchen_Pi.local} → {@code kitchen-pi}. */
    static String sanitise(String hostName) {
        String first = hostName.strip().toLowerCase(Locale.ROOT);
        int dot = first.indexOf('.');
        if (dot > 0) {
            first = first.substring(0, dot);
        }
        String name = first.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (name.length() > 63) {
            name = name.substring(0, 63).replaceAll("-+$", "");
        }
        return name.isEmpty() ? FALLBACK_NAME : name;
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse(FALLBACK_NAME);
        }
    }
}
