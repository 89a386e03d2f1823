package io.smollama.desktop.service;

import io.smollama.common.discovery.DiscoveredNode;
import io.smollama.common.discovery.DiscoveryException;
import io.smollama.common.discovery.NodeBrowser;

/**
 * Discovery over mDNS: adapts {@code common}'s {@link NodeBrowser} (which finds
 * {@code _smollama._tcp} nodes on the LAN and keeps the list current) to a {@link DiscoverySource}.
 * Owns the browser and closes it.
 */
public final class MdnsDiscovery implements DiscoverySource {

    private final NodeBrowser browser;

    private MdnsDiscovery(NodeBrowser browser) {
        this.browser = browser;
    }

    /** Starts browsing on the interface the browser picks; blocking, so call it off the FX thread. */
    public static MdnsDiscovery start() throws DiscoveryException {
        return new MdnsDiscovery(NodeBrowser.start());
    }

    @Override
    public void start(Listener listener) {
        browser.addListener(new NodeBrowser.Listener() {
            @Override
            public void added(DiscoveredNode node) {
                listener.seen(node.name(), node.baseUrl(), node.role());
            }

            @Override
            public void updated(DiscoveredNode node) {
                listener.seen(node.name(), node.baseUrl(), node.role());
            }

            @Override
            public void removed(DiscoveredNode node) {
                listener.gone(node.name());
            }
        });
        for (DiscoveredNode n : browser.nodes()) {
            listener.seen(n.name(), n.baseUrl(), n.role());
        }
    }

    @Override
    public void close() {
        browser.close();
    }
}
