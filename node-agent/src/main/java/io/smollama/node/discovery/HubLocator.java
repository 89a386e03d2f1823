package io.smollama.node.discovery;

import io.smollama.common.discovery.DiscoveredNode;
import io.smollama.common.discovery.NodeBrowser;
import java.net.URI;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The hub this node should sync with, as discovery sees it now. It follows the hub for as long as
 * the node runs: a hub that appears later is taken up, one that moves to a new address is followed,
 * and when the hub goes away another hub (if any) takes its place. The current hub is kept while it
 * answers; otherwise the hub with the first name wins, so every node in a cluster picks the same. A change of
 * the hub's broker port (TXT {@code mqtt}) counts as a change too, so MQTT follows it.
 */
public final class HubLocator implements NodeBrowser.Listener {

    private final String self;
    private final Map<String, DiscoveredNode> hubs = new LinkedHashMap<>();
    private final List<Consumer<Optional<DiscoveredNode>>> listeners = new CopyOnWriteArrayList<>();
    private @Nullable DiscoveredNode current;

    /** {@code self} is this node's name: a hub never syncs with itself. */
    public HubLocator(String self) {
        this.self = self;
    }

    /** The hub now, if discovery knows one. */
    public synchronized Optional<DiscoveredNode> hub() {
        return Optional.ofNullable(current);
    }

    /** The hub's base URL now (its API is under {@code + apiPath}). */
    public Optional<URI> hubUrl() {
        return hub().map(DiscoveredNode::baseUrl);
    }

    /** Called with the new hub (or empty) whenever the hub appears, moves, changes or goes away. */
    public void onChange(Consumer<Optional<DiscoveredNode>> listener) {
        listeners.add(listener);
    }

    @Override
    public void added(DiscoveredNode node) {
        track(node);
    }

    @Override
    public void updated(DiscoveredNode node) {
        track(node);
    }

    @Override
    public void removed(DiscoveredNode node) {
        boolean changed;
        Optional<DiscoveredNode> now;
        synchronized (this) {
            hubs.remove(node.name());
            changed = reselect();
            now = hub();
        }
        if (changed) {
            listeners.forEach(l -> l.accept(now));
        }
    }

    private void track(DiscoveredNode node) {
        boolean changed;
        Optional<DiscoveredNode> now;
        synchronized (this) {
            if (node.isHub() && !node.name().equalsIgnoreCase(self)) {
                hubs.put(node.name(), node);
            } else {
                hubs.remove(node.name()); // a hub that became a node is no hub any more
            }
            changed = reselect();
            now = hub();
        }
        if (changed) {
            listeners.forEach(l -> l.accept(now));
        }
    }

    /** Picks the hub; true when the choice (or where it is reached) changed. */
    private boolean reselect() {
        DiscoveredNode before = current;
        DiscoveredNode keep = before == null ? null : hubs.get(before.name());
        current = keep != null
                ? keep
                : hubs.values().stream()
                        .min(Comparator.comparing(DiscoveredNode::name))
                        .orElse(null);
        DiscoveredNode after = current;
        return before == null ? after != null : after == null || !sameTarget(before, after);
    }

    private static boolean sameTarget(DiscoveredNode a, DiscoveredNode b) {
        return a.name().equals(b.name())
                && a.baseUrl().equals(b.baseUrl())
                && a.apiPath().equals(b.apiPath())
                && Objects.equals(a.auth(), b.auth())
                && Objects.equals(a.mqttPort(), b.mqttPort());
    }
}
