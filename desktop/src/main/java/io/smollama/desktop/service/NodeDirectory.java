package io.smollama.desktop.service;

import io.smollama.common.Health;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * Every node the console knows, keyed by base URL: nodes added by URL (persisted by the caller
 * through {@link #addedUrls()}) and nodes found by a {@link DiscoverySource}. Owns the connections,
 * their timer and I/O threads, and closes them. The lists and properties are changed on the UI
 * executor only; {@link #add} and {@link #remove} must be called there too.
 */
public final class NodeDirectory implements ConsoleNodes, AutoCloseable {

    private final TokenStore tokens;
    private final Clock clock;
    private final Duration heartbeat;
    private final Executor ui;
    private final ExecutorService io = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("node-io-", 0).factory());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "node-timer");
        t.setDaemon(true);
        return t;
    });
    private final List<NodeFeedListener> listeners = new CopyOnWriteArrayList<>();
    private final List<DiscoverySource> sources = new CopyOnWriteArrayList<>();
    private final ObservableList<NodeHandle> nodes = FXCollections.observableArrayList();
    private final ObservableList<NodeHandle> readOnlyNodes = FXCollections.unmodifiableObservableList(nodes);
    private final ObjectProperty<@Nullable NodeHandle> selected = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<@Nullable NodeHandle> hub = new ReadOnlyObjectWrapper<>();
    private final java.util.Set<URI> added = new java.util.LinkedHashSet<>();
    /** Discovered nodes that said goodbye or stopped answering discovery, and since when (UI executor). */
    private final Map<String, Instant> gone = new HashMap<>();

    /**
     * How long a discovered node stays listed (as offline) after discovery lost it and it stopped
     * answering: long enough to notice that it went, short enough that decommissioned nodes go.
     */
    static final Duration FORGET_GONE_AFTER = Duration.ofMinutes(10);

    public NodeDirectory(TokenStore tokens, Clock clock, Duration heartbeat, Executor ui) {
        this.tokens = tokens;
        this.clock = clock;
        this.heartbeat = heartbeat;
        this.ui = ui;
        timer.scheduleAtFixedRate(this::refreshStates, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public ObservableList<NodeHandle> nodes() {
        return readOnlyNodes;
    }

    @Override
    public ObjectProperty<@Nullable NodeHandle> selected() {
        return selected;
    }

    @Override
    public ObservableValue<@Nullable NodeHandle> hub() {
        return hub.getReadOnlyProperty();
    }

    public TokenStore tokens() {
        return tokens;
    }

    /** Live data from every node, now and later added. */
    public void addFeedListener(NodeFeedListener listener) {
        listeners.add(listener);
    }

    public void removeFeedListener(NodeFeedListener listener) {
        listeners.remove(listener);
    }

    /**
     * Adds a node by URL (or returns the one already known there). A non-null {@code token} is stored
     * in the token file; otherwise the stored one, if any, is used.
     */
    public NodeConnection add(URI url, @Nullable String token) {
        URI base = normalise(url);
        added.add(base);
        if (token != null && !token.isBlank()) {
            tokens.put(base, token);
        }
        return find(base).orElseGet(() -> connect(base, base.getHost() + ":" + base.getPort(), false));
    }

    /** Forgets a node: closes its connection, drops it from the added list and its token. */
    public void remove(NodeHandle node) {
        nodes.remove(node);
        added.remove(node.baseUri());
        tokens.remove(node.baseUri());
        if (selected.get() == node) {
            selected.set(nodes.isEmpty() ? null : nodes.getFirst());
        }
        ((NodeConnection) node).close();
        recomputeHub();
    }

    /** The URLs of the nodes added by hand, in the order added (for the layout file). */
    public List<String> addedUrls() {
        return added.stream().map(URI::toString).toList();
    }

    public Optional<NodeConnection> find(URI url) {
        URI base = normalise(url);
        return nodes.stream()
                .map(NodeConnection.class::cast)
                .filter(n -> n.baseUri().equals(base))
                .findFirst();
    }

    public Optional<NodeConnection> byName(String name) {
        return nodes.stream()
                .map(NodeConnection.class::cast)
                .filter(n -> n.name().equals(name))
                .findFirst();
    }

    /** Takes nodes from a discovery source; the directory closes the source. */
    public void attach(DiscoverySource source) {
        sources.add(source);
        source.start(new DiscoverySource.Listener() {
            @Override
            public void seen(String name, URI baseUri, String role) {
                ui.execute(() -> discovered(name, normalise(baseUri)));
            }

            @Override
            public void gone(String name) {
                // kept for a while: its connection shows it offline and reconnects if it comes back
                ui.execute(() -> gone.putIfAbsent(name, clock.instant()));
            }
        });
    }

    /**
     * A node discovery announced: joins once; a discovered node announcing a new address (DHCP gave
     * the Pi another one) is followed there. A node added by hand keeps the address it was given.
     */
    private void discovered(String name, URI base) {
        gone.remove(name);
        if (find(base).isPresent()) {
            return;
        }
        Optional<NodeConnection> same = byName(name);
        if (same.isEmpty()) {
            connect(base, name, true);
            return;
        }
        NodeConnection old = same.get();
        if (!old.discovered()) {
            return;
        }
        boolean wasSelected = selected.get() == old;
        int at = nodes.indexOf(old);
        nodes.remove(old);
        old.close();
        NodeConnection moved = connect(base, name, true);
        nodes.remove(moved);
        nodes.add(Math.min(at, nodes.size()), moved);
        if (wasSelected) {
            selected.set(moved);
        }
        recomputeHub();
    }

    /**
     * Drops discovered nodes that discovery lost more than {@link #FORGET_GONE_AFTER} ago and that
     * are not answering either. Runs on the UI executor.
     */
    void forgetGone() {
        Instant now = clock.instant();
        for (NodeHandle n : List.copyOf(nodes)) {
            NodeConnection c = (NodeConnection) n;
            Instant since = gone.get(c.name());
            if (c.discovered()
                    && since != null
                    && Duration.between(since, now).compareTo(FORGET_GONE_AFTER) >= 0
                    && c.state().getValue() == NodeState.OFFLINE) {
                gone.remove(c.name());
                nodes.remove(c);
                if (selected.get() == c) {
                    selected.set(nodes.isEmpty() ? null : nodes.getFirst());
                }
                c.close();
                recomputeHub();
            }
        }
    }

    private NodeConnection connect(URI base, String name, boolean discovered) {
        NodeConnection c = new NodeConnection(
                base, tokens.token(base).orElse(null), name, discovered, clock, heartbeat, ui, io, timer, listeners);
        c.health().addListener((obs, old, h) -> recomputeHub());
        nodes.add(c);
        if (selected.get() == null) {
            selected.set(c);
        }
        c.start();
        return c;
    }

    private void recomputeHub() {
        NodeHandle h = nodes.stream()
                .filter(n -> {
                    Health health = ((NodeConnection) n).health().get();
                    return health != null
                            && (health.role().equalsIgnoreCase("hub")
                                    || health.role().equalsIgnoreCase("llama"));
                })
                .findFirst()
                .orElse(null);
        hub.set(h);
    }

    private void refreshStates() {
        ui.execute(() -> {
            nodes.forEach(n -> ((NodeConnection) n).refreshState());
            forgetGone();
        });
    }

    static URI normalise(URI url) {
        String s = url.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s);
    }

    @Override
    public void close() {
        sources.forEach(DiscoverySource::close);
        timer.shutdownNow();
        nodes.forEach(n -> ((NodeConnection) n).close());
        io.shutdownNow();
    }
}
