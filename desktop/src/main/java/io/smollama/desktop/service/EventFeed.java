package io.smollama.desktop.service;

import io.smollama.common.NodeEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * One node's WebSocket {@code /ws} feed, kept open for as long as the feed runs: a ping every
 * heartbeat; a connection silent for three heartbeats is aborted; a lost connection is reopened
 * with backoff, and {@code onOpen} tells the owner each time it (re)opens so it can resume what it
 * missed from the REST API. Events arrive on the WebSocket's thread.
 */
final class EventFeed implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EventFeed.class.getName());

    private final URI wsUri;
    private final @Nullable String token;
    private final ScheduledExecutorService timer;
    private final Duration heartbeat;
    private final Consumer<NodeEvent> onEvent;
    private final Runnable onContact;
    private final Runnable onOpen;
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
    private final HttpClient http;
    private volatile @Nullable WebSocket socket;
    private volatile long lastHeardNanos = System.nanoTime();
    private volatile boolean closed;
    private @Nullable ScheduledFuture<?> pinger;

    EventFeed(
            URI base,
            @Nullable String token,
            ScheduledExecutorService timer,
            Duration heartbeat,
            Consumer<NodeEvent> onEvent,
            Runnable onContact,
            Runnable onOpen) {
        String s = base.toString().replaceFirst("^http", "ws");
        this.wsUri = URI.create((s.endsWith("/") ? s.substring(0, s.length() - 1) : s) + "/ws");
        this.token = token;
        this.timer = timer;
        this.heartbeat = heartbeat;
        this.onEvent = onEvent;
        this.onContact = onContact;
        this.onOpen = onOpen;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    void start() {
        connect();
        pinger = timer.scheduleWithFixedDelay(
                this::heartbeat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean connected() {
        return socket != null;
    }

    private void connect() {
        if (closed) {
            return;
        }
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (token != null && !token.isBlank()) {
            b.header("Authorization", "Bearer " + token);
        }
        b.buildAsync(wsUri, new Listener()).whenComplete((ws, error) -> {
            if (error != null) {
                LOG.log(Level.FINE, "WebSocket to {0} failed: {1}", new Object[] {wsUri, error.getMessage()});
                retry();
            } else if (closed) {
                ws.abort();
            } else {
                socket = ws;
                lastHeardNanos = System.nanoTime();
                backoff.reset();
                onContact.run();
                onOpen.run();
            }
        });
    }

    private void retry() {
        socket = null;
        if (!closed) {
            timer.schedule(this::connect, backoff.next().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void heartbeat() {
        WebSocket ws = socket;
        if (ws == null) {
            return;
        }
        if (System.nanoTime() - lastHeardNanos > heartbeat.multipliedBy(3).toNanos()) {
            LOG.log(Level.FINE, "WebSocket to {0} silent for three heartbeats; reconnecting", wsUri);
            socket = null;
            ws.abort();
            retry();
            return;
        }
        ws.sendPing(ByteBuffer.allocate(0));
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            heard();
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                NodeEvents.parse(frame).ifPresent(e -> {
                    try {
                        onEvent.accept(e);
                    } catch (RuntimeException ex) {
                        LOG.log(Level.WARNING, "a console listener failed on a " + e.type() + " event", ex);
                    }
                });
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            heard();
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
            heard();
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            if (socket == ws) {
                retry();
            }
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            LOG.log(Level.FINE, "WebSocket to {0} broke: {1}", new Object[] {wsUri, error.getMessage()});
            if (socket == ws) {
                retry();
            }
        }

        private void heard() {
            lastHeardNanos = System.nanoTime();
            onContact.run();
        }
    }

    @Override
    public void close() {
        closed = true;
        if (pinger != null) {
            pinger.cancel(false);
        }
        WebSocket ws = socket;
        socket = null;
        if (ws != null) {
            ws.abort();
        }
        http.close();
    }
}
