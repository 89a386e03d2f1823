package io.smollama.node.mqtt;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * The MQTT broker a hub runs in its own JVM (Moquette 0.17, MQTT 3.1.1), so a cluster needs no Mosquitto. It
 * binds where the HTTP API binds ({@code http.host}: loopback by default, the LAN when the hub serves it), keeps
 * its data under {@code <storage.path>/broker} (never the working directory), never phones home (Moquette's
 * telemetry is off), and, when {@code mqtt.username} is set, admits only that user and password.
 */
final class EmbeddedBroker implements AutoCloseable {

    static {
        NettyDefaults.apply(); // before this class touches Netty
    }

    private static final Logger LOG = Logger.getLogger(EmbeddedBroker.class.getName());
    /**
     * Moquette logs every MQTT packet and its start-up steps at INFO: an edge publishing every few seconds
     * would fill the journal. Its warnings and errors still come through. Held here so the level sticks
     * (java.util.logging keeps loggers weakly).
     */
    private static final Logger MOQUETTE = Logger.getLogger("io.moquette");

    static final int MAX_MESSAGE_BYTES = 1024 * 1024;

    private final Server server;
    private final String host;
    private final int port;

    private EmbeddedBroker(Server server, String host, int port) {
        this.server = server;
        this.host = host;
        this.port = port;
    }

    /**
     * Starts a broker on {@code host:port} (port 0 picks a free one) with its data in {@code dir}. Moquette
     * binds synchronously but records the bound port from a Netty thread into a plain map, which another
     * thread may never see; so for port 0 a free port is chosen here and handed to it (again, should another
     * process take it in between).
     */
    static EmbeddedBroker start(String host, int port, Path dir, Optional<String> username, Optional<String> password) {
        if (port != 0) {
            return startOn(host, port, dir, username, password);
        }
        for (int attempt = 1; ; attempt++) {
            int chosen = freePort(host);
            try {
                return startOn(host, chosen, dir, username, password);
            } catch (IllegalStateException e) {
                if (attempt == 3) {
                    throw e;
                }
                LOG.fine(() -> "port " + chosen + " was taken before the broker bound it; choosing another");
            }
        }
    }

    private static int freePort(String host) {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "the embedded MQTT broker cannot find a free port on " + host + ": " + e, e);
        }
    }

    private static EmbeddedBroker startOn(
            String host, int port, Path dir, Optional<String> username, Optional<String> password) {
        if (MOQUETTE.getLevel() == null) {
            MOQUETTE.setLevel(java.util.logging.Level.WARNING);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the MQTT broker directory " + dir + ": " + e, e);
        }
        Properties p = new Properties();
        p.setProperty("host", host);
        p.setProperty("port", Integer.toString(port));
        p.setProperty("data_path", dir.toAbsolutePath().toString());
        p.setProperty("persistence_enabled", "true");
        p.setProperty("telemetry_enabled", "false");
        // the default per-loop command queue (1024) fills under a burst from many edges and stalls the broker
        p.setProperty("session_queue_size", "65536");
        p.setProperty("allow_anonymous", Boolean.toString(username.isEmpty()));
        p.setProperty("netty.mqtt.message_size", Integer.toString(MAX_MESSAGE_BYTES));
        @Nullable IAuthenticator auth = username.isEmpty() ? null : credentials(username.get(), password.orElse(""));
        Server server = new Server();
        try {
            server.startServer(new MemoryConfig(p), List.of(), null, auth, null);
        } catch (IOException | RuntimeException e) {
            server.stopServer();
            throw new IllegalStateException(
                    "the embedded MQTT broker cannot start on " + host + ":" + port + ": "
                            + (e.getMessage() == null ? e.toString() : e.getMessage()),
                    e);
        }
        EmbeddedBroker broker = new EmbeddedBroker(server, host, port);
        LOG.info(() -> "embedded MQTT broker listening on " + host + ":" + broker.port + " (data in " + dir + ")");
        return broker;
    }

    private static IAuthenticator credentials(String user, String password) {
        byte[] expected = password.getBytes(StandardCharsets.UTF_8);
        return (clientId, u, pw) -> user.equals(u) && pw != null && MessageDigest.isEqual(expected, pw);
    }

    String host() {
        return host;
    }

    /** The port it listens on (the chosen one when started with port 0). */
    int port() {
        return port;
    }

    @Override
    public void close() {
        server.stopServer();
    }
}
