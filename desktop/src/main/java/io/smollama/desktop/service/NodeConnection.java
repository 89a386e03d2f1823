package io.smollama.desktop.service;

import io.smollama.common.Health;
import io.smollama.common.NodeApiException;
import io.smollama.common.NodeClient;
import io.smollama.common.NodeEvent;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import org.jspecify.annotations.Nullable;

/**
 * The console's live connection to one node: a typed client, a health poll (every heartbeat while
 * the node answers, with backoff while it does not), the WebSocket feed, and the node's state by
 * the {@link Liveness} rules. Failures become state and a one-line detail, never dialogs. Properties
 * change on the UI executor only; feed listeners run on I/O threads.
 */
public final class NodeConnection implements NodeHandle, AutoCloseable {

    private final URI baseUri;
    private final @Nullable String token;
    private final NodeClient client;
    private final Executor ui;
    private final Executor io;
    private final ScheduledExecutorService timer;
    private final Duration heartbeat;
    private final Liveness liveness;
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
    private final List<NodeFeedListener> listeners;
    private final EventFeed feed;
    private final ReadOnlyObjectWrapper<NodeState> state = new ReadOnlyObjectWrapper<>(NodeState.OFFLINE);
    private final ReadOnlyObjectWrapper<@Nullable Health> health = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper name;
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("connecting…");
    private final boolean discovered;
    private volatile boolean closed;
    private volatile String currentName;

    NodeConnection(
            URI baseUri,
            @Nullable String token,
            String initialName,
            boolean discovered,
            Clock clock,
            Duration heartbeat,
            Executor ui,
            Executor io,
            ScheduledExecutorService timer,
            List<NodeFeedListener> listeners) { // the directory's live, thread-safe list
        this.baseUri = baseUri;
        this.token = token == null || token.isBlank() ? null : token;
        this.client = new NodeClient(baseUri, this.token, Duration.ofSeconds(5));
        this.name = new ReadOnlyStringWrapper(initialName);
        this.currentName = initialName;
        this.discovered = discovered;
        this.ui = ui;
        this.io = io;
        this.timer = timer;
        this.heartbeat = heartbeat;
        this.liveness = new Liveness(clock, heartbeat);
        this.listeners = listeners;
        this.feed =
                new EventFeed(baseUri, this.token, timer, heartbeat, this::onEvent, liveness::contact, this::onOpen);
    }

    void start() {
        io.execute(this::poll);
        feed.start();
    }

    @Override
    public String name() {
        return currentName;
    }

    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    @Override
    public URI baseUri() {
        return baseUri;
    }

    @Override
    public NodeClient client() {
        return client;
    }

    @Override
    public boolean canWrite() {
        return token != null;
    }

    @Override
    public ObservableValue<NodeState> state() {
        return state.getReadOnlyProperty();
    }

    /** The last health document the node answered, or null before the first answer. */
    public ReadOnlyObjectProperty<@Nullable Health> health() {
        return health.getReadOnlyProperty();
    }

    /** One line about the connection ("connecting…", the last error and when it retries, or empty). */
    public ReadOnlyStringProperty detail() {
        return detail.getReadOnlyProperty();
    }

    /** Whether the node was found by discovery (rather than added by URL). */
    public boolean discovered() {
        return discovered;
    }

    /** Whether the WebSocket feed is open right now. */
    public boolean live() {
        return feed.connected();
    }

    /** Re-applies the missed-heartbeat rules (called every second by the directory). */
    void refreshState() {
        NodeState now = liveness.state();
        ui.execute(() -> state.set(now));
    }

    private void poll() {
        if (closed) {
            return;
        }
        Duration next;
        try {
            Health h = client.health();
            currentName = h.node();
            liveness.contact();
            backoff.reset();
            next = heartbeat;
            ui.execute(() -> {
                health.set(h);
                name.set(h.node());
                detail.set("");
            });
        } catch (NodeApiException e) {
            liveness.failure();
            next = backoff.next();
            String why = e.getMessage() + " — retrying in " + Math.max(1, next.toSeconds()) + " s";
            ui.execute(() -> detail.set(why));
        } catch (RuntimeException e) {
            liveness.failure();
            next = backoff.next();
            String why = "unexpected answer: " + e.getMessage() + " — retrying in " + next.toSeconds() + " s";
            ui.execute(() -> detail.set(why));
        }
        refreshState();
        pollAgainIn(next);
    }

    /** Schedules the next poll; a connection closed meanwhile (its executors shut down) simply stops polling. */
    private void pollAgainIn(Duration delay) {
        if (closed) {
            return;
        }
        try {
            timer.schedule(
                    () -> {
                        try {
                            io.execute(this::poll);
                        } catch (java.util.concurrent.RejectedExecutionException stopped) {
                            // closed between the timer firing and the poll starting
                        }
                    },
                    delay.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            // closed between the check above and the schedule
        }
    }

    private void onEvent(NodeEvent event) {
        for (NodeFeedListener l : listeners) {
            if (event instanceof NodeEvent.ReadingEvent r) {
                l.reading(this, r.data());
            }
            l.event(this, event);
        }
        if (event instanceof NodeEvent.NodeStatusEvent s) {
            ui.execute(() -> health.set(s.data()));
        }
    }

    private void onOpen() {
        refreshState();
        io.execute(() -> {
            try {
                Health h = client.health(); // the node's name keys what listeners resume
                currentName = h.node();
                ui.execute(() -> {
                    health.set(h);
                    name.set(h.node());
                });
            } catch (NodeApiException e) {
                return; // the feed will drop and reopen; listeners resume then
            }
            for (NodeFeedListener l : listeners) {
                l.resumed(this);
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        feed.close();
        client.close();
    }

    @Override
    public String toString() {
        return name() + " (" + baseUri + ")";
    }
}
