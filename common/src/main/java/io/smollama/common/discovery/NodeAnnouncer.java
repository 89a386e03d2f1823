package io.smollama.common.discovery;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;

/**
 * Announces one node as {@code _smollama._tcp.local.} on one interface address, answers queries for
 * it while open, and says goodbye (records with TTL 0) when closed. Refuses loopback and wildcard
 * addresses: other hosts could not reach the node there.
 */
public final class NodeAnnouncer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(NodeAnnouncer.class.getName());

    private final JmDNS jmdns;
    private final ServiceInfo info;
    private final MdnsInterface on;

    private NodeAnnouncer(JmDNS jmdns, ServiceInfo info, MdnsInterface on) {
        this.jmdns = jmdns;
        this.info = info;
        this.on = on;
    }

    /**
     * Registers the announcement; returns once the name has been probed and announced (about two
     * seconds). If another host already holds the name, JmDNS announces a numbered variant, see
     * {@link #instanceName()}.
     */
    public static NodeAnnouncer start(NodeAnnouncement announcement, MdnsInterface on) throws DiscoveryException {
        if (on.address().isLoopbackAddress() || on.address().isAnyLocalAddress()) {
            throw new DiscoveryException(
                    "refusing to announce on " + on + ": other hosts cannot reach a loopback or wildcard address");
        }
        JmDNS jmdns;
        try {
            jmdns = JmDNS.create(on.address(), announcement.name());
        } catch (IOException e) {
            throw new DiscoveryException("cannot start mDNS on " + on + ": " + e.getMessage(), e);
        }
        ServiceInfo info = ServiceInfo.create(
                SmollamaService.TYPE, announcement.name(), announcement.port(), 0, 0, announcement.txt());
        try {
            jmdns.registerService(info);
        } catch (IOException | RuntimeException e) {
            closeQuietly(jmdns, on);
            throw new DiscoveryException("cannot announce on " + on + ": " + e.getMessage(), e);
        }
        return new NodeAnnouncer(jmdns, info, on);
    }

    /** The instance name as announced (the node name, unless a conflict forced a variant). */
    public String instanceName() {
        return info.getName();
    }

    public MdnsInterface on() {
        return on;
    }

    /**
     * Says goodbye, so browsers drop this node at once, and stops answering. Takes about two seconds:
     * JmDNS repeats the goodbye before it returns.
     */
    @Override
    public void close() {
        closeQuietly(jmdns, on); // closing unregisters every service, which sends the goodbye
    }

    private static void closeQuietly(JmDNS jmdns, MdnsInterface on) {
        try {
            jmdns.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing mDNS on " + on, e);
        }
    }
}
