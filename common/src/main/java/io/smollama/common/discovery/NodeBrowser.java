package io.smollama.common.discovery;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;

/**
 * Finds Smollama nodes on the LAN and keeps the list current for as long as it runs.
 *
 * <p>Nodes appear as soon as they announce (JmDNS's browse) and stay while they keep answering:
 * every {@link Settings#refreshInterval()} the browser sends a one-shot query that each node answers
 * directly, which moves its {@code lastSeen}. A node that says goodbye is removed at once; one that
 * misses {@link Settings#missedRefreshes()} refreshes in a row (switched off, unplugged) is removed
 * then. There is no fixed expiry: a node that answers stays listed for months.
 *
 * <pre>{@code
 * try (NodeBrowser browser = NodeBrowser.start()) {
 *     browser.addListener(new NodeBrowser.Listener() {
 *         public void added(DiscoveredNode n) { ... }
 *     });
 *     List<DiscoveredNode> now = browser.nodes();
 * }
 * }</pre>
 *
 * Listeners are called one at a time, in order, on the browser's own thread; they must not block.
 */
public final class NodeBrowser implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(NodeBrowser.class.getName());
    private static final Duration RESOLVE_TIMEOUT = Duration.ofSeconds(2);

    /** Changes to the list of nodes. Every method has an empty default, so implement only what you need. */
    public interface Listener {
        default void added(DiscoveredNode node) {}

        /** The node's announcement changed: a new address, port, version, role or TXT. */
        default void updated(DiscoveredNode node) {}

        /** The node said goodbye, or stopped answering. */
        default void removed(DiscoveredNode node) {}
    }

    /**
     * How often the browser asks every node to answer, how many answers a node may miss before it is
     * removed, and how long each query waits for answers (shorter than the interval).
     */
    public record Settings(Duration refreshInterval, int missedRefreshes, Duration answerWindow) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(10), 3, Duration.ofSeconds(1));

        public Settings {
            if (refreshInterval.compareTo(Duration.ofMillis(100)) < 0) {
                throw new IllegalArgumentException("refreshInterval: expected at least 100ms, got " + refreshInterval);
            }
            if (missedRefreshes < 1) {
                throw new IllegalArgumentException("missedRefreshes: expected at least 1, got " + missedRefreshes);
            }
            if (answerWindow.isNegative() || answerWindow.isZero() || answerWindow.compareTo(refreshInterval) > 0) {
                throw new IllegalArgumentException(
                        "answerWindow: expected a positive duration up to refreshInterval, got " + answerWindow);
            }
        }

        /** How long a silent node stays listed. */
        Duration expireAfter() {
            return refreshInterval.multipliedBy(missedRefreshes).plus(answerWindow);
        }
    }

    private final MdnsInterface on;
    private final JmDNS jmdns;
    private final NodeRegistry registry;
    private final MdnsProbe probe;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService refresher;
    private final ExecutorService notifier;
    private final Duration answerWindow;
    private final java.util.concurrent.atomic.AtomicBoolean refreshQueued =
            new java.util.concurrent.atomic.AtomicBoolean();
    private final ServiceListener jmdnsListener = new ServiceListener() {
        @Override
        public void serviceAdded(ServiceEvent event) {
            jmdns.requestServiceInfo(event.getType(), event.getName(), RESOLVE_TIMEOUT.toMillis());
        }

        @Override
        public void serviceRemoved(ServiceEvent event) {
            publish(registry.goodbye(event.getName()));
        }

        @Override
        public void serviceResolved(ServiceEvent event) {
            ServiceInfo info = event.getInfo();
            if (info != null) {
                publish(registry.seen(sighting(info)));
            }
        }
    };

    private NodeBrowser(MdnsInterface on, JmDNS jmdns, Settings settings, Clock clock) {
        this.on = on;
        this.jmdns = jmdns;
        this.registry = new NodeRegistry(clock, settings.expireAfter());
        this.probe = new MdnsProbe(on.address());
        this.refresher = Executors.newSingleThreadScheduledExecutor(daemon("mdns-refresh"));
        this.notifier = Executors.newSingleThreadExecutor(daemon("mdns-listeners"));
        this.answerWindow = settings.answerWindow();
    }

    /** Starts browsing with the default settings on the interface {@link InterfaceChooser} picks. */
    public static NodeBrowser start() throws DiscoveryException {
        return start(InterfaceChooser.choose(""), Settings.DEFAULT, Clock.systemUTC());
    }

    /** Starts browsing on the given interface; the first refresh runs at once. */
    public static NodeBrowser start(MdnsInterface on, Settings settings, Clock clock) throws DiscoveryException {
        JmDNS jmdns;
        try {
            jmdns = JmDNS.create(on.address(), "smollama-browser");
        } catch (IOException e) {
            throw new DiscoveryException("cannot start mDNS on " + on + ": " + e.getMessage(), e);
        }
        NodeBrowser b = new NodeBrowser(on, jmdns, settings, clock);
        jmdns.addServiceListener(SmollamaService.TYPE, b.jmdnsListener);
        b.refresher.scheduleWithFixedDelay(
                () -> b.refresh(settings.answerWindow()),
                0,
                settings.refreshInterval().minus(settings.answerWindow()).toMillis(),
                TimeUnit.MILLISECONDS);
        return b;
    }

    /** Every node listed now, ordered by name. */
    public List<DiscoveredNode> nodes() {
        return registry.nodes();
    }

    public Optional<DiscoveredNode> node(String name) {
        return nodes().stream().filter(n -> n.name().equalsIgnoreCase(name)).findFirst();
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /** Where this browser listens. */
    public MdnsInterface on() {
        return on;
    }

    /**
     * Asks every node to answer now rather than at the next refresh, e.g. because a node that is listed did not
     * answer a call: a node that restarted under the same name on another address or port is seen at once (JmDNS
     * does not report a changed announcement of a name it knows). At most one such refresh is queued at a time.
     */
    public void refreshNow() {
        if (refreshQueued.compareAndSet(false, true)) {
            try {
                refresher.execute(() -> {
                    refreshQueued.set(false);
                    refresh(answerWindow);
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                refreshQueued.set(false); // closed
            }
        }
    }

    /** One refresh: ask every node to answer, then drop those silent for too long. */
    private void refresh(Duration window) {
        try {
            MdnsProbe.Result r = probe.probe(window);
            r.sightings().forEach(s -> publish(registry.seen(s)));
            for (String name : r.answered()) {
                if (!registry.answered(name)) {
                    // answered without its details (they did not fit, or came separately): resolve it
                    ServiceInfo info = jmdns.getServiceInfo(SmollamaService.TYPE, name, RESOLVE_TIMEOUT.toMillis());
                    if (info != null) {
                        publish(registry.seen(sighting(info)));
                    }
                }
            }
            r.goodbyes().forEach(g -> publish(registry.goodbye(g)));
        } catch (IOException e) {
            LOG.log(Level.FINE, "mDNS refresh on " + on + " failed; nodes keep their last answer", e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "mDNS refresh on " + on + " failed", e);
        }
        publish(registry.expire());
    }

    private void publish(List<NodeRegistry.Change> changes) {
        if (changes.isEmpty() || notifier.isShutdown()) {
            return;
        }
        notifier.execute(() -> {
            for (NodeRegistry.Change c : changes) {
                for (Listener l : listeners) {
                    try {
                        switch (c.kind()) {
                            case ADDED -> l.added(c.node());
                            case UPDATED -> l.updated(c.node());
                            case REMOVED -> l.removed(c.node());
                        }
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "a discovery listener failed on " + c, e);
                    }
                }
            }
        });
    }

    static ServiceSighting sighting(ServiceInfo info) {
        Map<String, String> txt = new java.util.LinkedHashMap<>();
        var names = info.getPropertyNames();
        while (names.hasMoreElements()) {
            String key = names.nextElement();
            String value = info.getPropertyString(key);
            txt.put(key.toLowerCase(java.util.Locale.ROOT), value == null ? "" : value);
        }
        List<InetAddress> addrs = List.of(info.getInetAddresses());
        return new ServiceSighting(info.getName(), info.getPort(), txt, addrs);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Stops browsing at once; listeners get no more calls. JmDNS takes about two seconds to wind
     * down, which a browser (it announces nothing, so owes nobody a goodbye) does in the background.
     */
    @Override
    public void close() {
        refresher.shutdownNow();
        jmdns.removeServiceListener(SmollamaService.TYPE, jmdnsListener);
        notifier.shutdown();
        Thread.ofPlatform().daemon().name("mdns-browser-close").start(() -> {
            try {
                jmdns.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing mDNS on " + on, e);
            }
        });
    }
}
