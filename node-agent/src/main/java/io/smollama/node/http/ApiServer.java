package io.smollama.node.http;

import io.helidon.http.DirectHandler;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.websocket.WsListener;
import io.smollama.node.metrics.MetricRegistry;
import io.smollama.node.store.StoreException;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node's HTTP and WebSocket server: feature services register their routes, this class adds
 * request metrics, the token check, JSON errors for everything that goes wrong, and a JSON 404 for unknown paths.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ApiServer.class.getName());

    /**
     * The largest body a handler may accept (a memory import: 256 MiB, about a million exported items);
     * the server refuses anything bigger before routing.
     */
    public static final long LARGEST_BODY_BYTES = 256L << 20;

    private final WebServer server;
    private final String host;
    private final int port;

    public ApiServer(
            String host,
            int port,
            long maxBodyBytes,
            TokenAuth auth,
            MetricRegistry metrics,
            List<HttpService> services,
            WsListener events) {
        this.host = host;
        this.port = port;
        HttpRouting.Builder routing = HttpRouting.builder();
        routing.addFilter(new RequestMetrics(
                metrics,
                new RouteTemplates(new OpenApiHttpService().paths()))); // first, so it times refused requests too
        routing.addFilter(auth);
        for (HttpService service : services) {
            routing.register(service);
        }
        routing.any((req, res) -> JsonHttp.error(
                res,
                404,
                "not_found",
                "no route for " + req.prologue().method().text() + " "
                        + req.path().path()));
        routing.error(ApiException.class, (req, res, e) -> JsonHttp.error(res, e.status(), e.code(), e.getMessage()));
        routing.error(StoreException.class, (req, res, e) -> {
            LOG.log(Level.WARNING, "the store could not answer " + req.path().path(), e);
            JsonHttp.error(
                    res, 503, "store_unavailable", "the node's database cannot answer right now: " + e.getMessage());
        });
        routing.error(Exception.class, (req, res, e) -> {
            LOG.log(
                    Level.WARNING,
                    "unexpected error serving " + req.prologue().method().text() + " "
                            + req.path().path(),
                    e);
            JsonHttp.error(res, 500, "internal_error", "the node could not answer this request; see the node's log");
        });
        this.server = WebServer.builder()
                .host(host)
                .port(port)
                // the handlers enforce their own limits (http.max_body_bytes, an import's larger one) with a
                // JSON 413 while reading; this is a hard backstop above the largest of them
                .maxPayloadSize(Math.max(maxBodyBytes * 4, LARGEST_BODY_BYTES))
                .shutdownGracePeriod(Duration.ofSeconds(2))
                .directHandlers(d -> {
                    JsonDirectHandler json = new JsonDirectHandler();
                    for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
                        d.addHandler(type, json);
                    }
                })
                .routing(routing)
                .addRouting(WsRouting.builder().endpoint("/ws", events))
                .build();
    }

    /** Starts listening; throws when the address cannot be bound (Helidon only logs that and stops). */
    public ApiServer start() {
        server.start();
        if (!server.isRunning()) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port
                    + " (is another program using that port, or is the address not one of this machine's?)");
        }
        return this;
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        if (server.isRunning()) {
            server.stop();
        }
    }
}
