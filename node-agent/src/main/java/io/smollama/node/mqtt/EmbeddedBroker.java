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

    /** Starts a broker on {@code host:port} (port 0 picks a free one) with its data in {@code dir}. */
    static EmbeddedBroker start(String host, int port, Path dir, Optional<String> username, Optional<String> password) {
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
        EmbeddedBroker broker = new EmbeddedBroker(server, host, port == 0 ? boundPort(server) : port);
        LOG.info(() -> "embedded MQTT broker listening on " + host + ":" + broker.port + " (data in " + dir + ")");
        return broker;
    }

    /**
     * Moquette learns the port it bound a moment after {@code startServer} returns, on its Netty thread, in a plain
     * {@code HashMap} that {@code getPort} also touches: a poll that races the bind can throw
     * {@link java.util.ConcurrentModificationException}, which only means "not yet".
     */
    private static int boundPort(Server server) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        int port;
        while ((port = portOrZero(server)) == 0) {
            if (System.nanoTime() > deadline) {
                server.stopServer();
                throw new IllegalStateException("the embedded MQTT broker did not report its port within 5 s");
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                server.stopServer();
                throw new IllegalStateException("interrupted while the embedded MQTT broker started", e);
            }
        }
        return port;
    }

    private static int portOrZero(Server server) {
        try {
            return server.getPort();
        } catch (java.util.ConcurrentModificationException e) {
            return 0;
        }
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
