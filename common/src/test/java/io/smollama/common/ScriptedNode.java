package io.smollama.common;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A real HTTP server on loopback, port 0, standing in for a node: it answers every request with the
 * reply the test scripted and records each request exactly as it arrived (raw, still-encoded path).
 */
final class ScriptedNode implements AutoCloseable {

    /** A request as the server saw it. */
    record Request(String method, String rawPath, @Nullable String rawQuery, Headers headers, String body) {
        @Nullable
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    private record Reply(int status, String contentType, String body) {}

    private final HttpServer server;
    private final BlockingQueue<Request> received = new LinkedBlockingQueue<>();
    private volatile Reply reply = new Reply(500, "text/plain", "the test scripted no reply");

    private ScriptedNode(HttpServer server) {
        this.server = server;
    }

    static ScriptedNode start() throws IOException {
        ScriptedNode node =
                new ScriptedNode(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        node.server.createContext("/", node::handle);
        node.server.start();
        return node;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answer every following request with this status and a JSON body. */
    void answer(int status, String json) {
        answer(status, "application/json", json);
    }

    void answer(int status, String contentType, String body) {
        reply = new Reply(status, contentType, body);
    }

    /** The next request the server received, in arrival order; fails when none arrived. */
    Request request() throws InterruptedException {
        Request r = received.poll(2, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("the node received no request");
        }
        return r;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            received.add(new Request(
                    exchange.getRequestMethod(),
                    uri.getRawPath(),
                    uri.getRawQuery(),
                    exchange.getRequestHeaders(),
                    new String(exchange.getRequestBody().readAllBytes(), UTF_8)));
            Reply r = reply;
            byte[] out = r.body().getBytes(UTF_8);
            exchange.getResponseHeaders().set("Content-Type", r.contentType());
            exchange.sendResponseHeaders(r.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
