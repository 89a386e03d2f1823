package io.smollama.node.discovery;

import io.smollama.common.ComponentHealth;
import io.smollama.common.discovery.DiscoveredNode;
import io.smollama.common.discovery.DiscoveryException;
import io.smollama.common.discovery.InterfaceChooser;
import io.smollama.common.discovery.MdnsInterface;
import io.smollama.common.discovery.NodeAnnouncement;
import io.smollama.common.discovery.NodeAnnouncer;
import io.smollama.common.discovery.NodeBrowser;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * This node's part in discovery: it browses for the other nodes from start-up, announces itself once
 * its HTTP port is known, and feeds the {@link HubLocator}. Nothing here can stop the agent: when
 * discovery cannot run (no usable interface, mDNS refused) the node keeps serving and its health
 * component {@code discovery} says why.
 */
public final class NodeDiscovery implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(NodeDiscovery.class.getName());

    /** Why {@link #nodes()} has nothing to give. */
    public static final class Unavailable extends Exception {
        private final boolean disabled;

        Unavailable(String message, boolean disabled) {
            super(message, null, false, false);
            this.disabled = disabled;
        }

        public boolean disabled() {
            return disabled;
        }
    }

    /**
     * Who this node is on the LAN; what it offers (the ports and {@code caps}) is known only once everything runs,
     * and is given to {@link #announce}.
     */
    public record Identity(String name, String role, String version, boolean openReads) {}

    private final DiscoverySettings settings;
    private final Identity identity;
    private final HubLocator hubs;
    private final @Nullable NodeBrowser browser;
    private final @Nullable MdnsInterface on;
    private volatile @Nullable NodeAnnouncer announcer;
    private volatile ComponentHealth health;
    private volatile boolean closed;
    private @Nullable Thread announcing;

    private NodeDiscovery(
            DiscoverySettings settings,
            Identity identity,
            @Nullable MdnsInterface on,
            @Nullable NodeBrowser browser,
            ComponentHealth health) {
        this.settings = settings;
        this.identity = identity;
        this.on = on;
        this.browser = browser;
        this.health = health;
        this.hubs = new HubLocator(identity.name());
        if (browser != null) {
            browser.addListener(hubs);
        }
    }

    /** Starts browsing (when enabled); never throws for a network problem, the health says it instead. */
    public static NodeDiscovery start(DiscoverySettings settings, Identity identity, Clock clock) {
        if (!settings.enabled()) {
            return new NodeDiscovery(
                    settings,
                    identity,
                    null,
                    null,
                    new ComponentHealth(ComponentHealth.Status.DISABLED, "discovery.enabled is false"));
        }
        try {
            MdnsInterface on = InterfaceChooser.choose(settings.networkInterface());
            NodeBrowser browser = NodeBrowser.start(on, NodeBrowser.Settings.DEFAULT, clock);
            return new NodeDiscovery(settings, identity, on, browser, ComponentHealth.up("browsing on " + on));
        } catch (DiscoveryException e) {
            LOG.log(Level.WARNING, "discovery is off: " + e.getMessage());
            return new NodeDiscovery(settings, identity, null, null, failed(e.getMessage()));
        }
    }

    /**
     * Announces the node on {@code port} in the background (JmDNS probes the name first), so a slow
     * network never delays start-up. {@code caps} are the features it runs; {@code mqttPort} is the port of the
     * MQTT broker it runs (TXT {@code mqtt}), 0 for none.
     */
    public synchronized void announce(int port, List<String> caps, int mqttPort) {
        if (on == null || announcing != null) {
            return;
        }
        MdnsInterface where = on;
        NodeAnnouncement a = new NodeAnnouncement(
                identity.name(),
                port,
                identity.role(),
                identity.version(),
                "/api",
                identity.openReads() ? "none" : "token",
                caps,
                mqttPort);
        announcing = Thread.ofPlatform().daemon().name("mdns-announce").start(() -> {
            try {
                NodeAnnouncer started = NodeAnnouncer.start(a, where);
                synchronized (this) {
                    if (closed) {
                        started.close();
                        return;
                    }
                    announcer = started;
                }
                health = ComponentHealth.up(
                        "announced as " + started.instanceName() + " on " + where + ", port " + port);
                LOG.info(() -> "announced as " + started.instanceName() + " on " + where + " port " + port);
            } catch (DiscoveryException | RuntimeException e) {
                LOG.log(Level.WARNING, "could not announce this node: " + e.getMessage(), e);
                health = failed("not announced: " + e.getMessage());
            }
        });
    }

    private static ComponentHealth failed(String reason) {
        return new ComponentHealth(ComponentHealth.Status.DEGRADED, reason);
    }

    public Map<String, ComponentHealth> health() {
        return Map.of("discovery", health);
    }

    /** The nodes seen on the LAN now (this one included once announced), ordered by name. */
    public List<DiscoveredNode> nodes() throws Unavailable {
        if (browser == null) {
            throw settings.enabled()
                    ? new Unavailable("discovery is not running: " + health.detail(), false)
                    : new Unavailable("discovery is disabled (discovery.enabled is false)", true);
        }
        return browser.nodes();
    }

    /** A node discovery lists did not answer: ask the LAN now whether it moved (see {@link NodeBrowser#refreshNow}). */
    public void recheck() {
        if (browser != null) {
            browser.refreshNow();
        }
    }

    /** The hub this node should sync with; empty while discovery knows none (or is off). */
    public HubLocator hubs() {
        return hubs;
    }

    /** Says goodbye (about two seconds) and stops browsing. */
    @Override
    public void close() {
        NodeAnnouncer a;
        Thread t;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            a = announcer;
            announcer = null;
            t = announcing;
        }
        if (t != null) {
            try {
                t.join(5_000); // an announcement in flight is closed by its own thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (a != null) {
            a.close();
        }
        if (browser != null) {
            browser.close();
        }
    }
}
