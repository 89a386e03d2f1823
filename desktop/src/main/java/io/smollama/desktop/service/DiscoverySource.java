package io.smollama.desktop.service;

import java.net.URI;

/**
 * Where discovered nodes come from: the seam between the console and mDNS browsing
 * ({@code io.smollama.common.discovery.NodeBrowser}; see {@code MdnsDiscovery}). Listeners may be
 * called on any thread.
 */
public interface DiscoverySource extends AutoCloseable {

    /** What the source reports. */
    interface Listener {
        /** A node announced itself (or its announcement changed). */
        void seen(String name, URI baseUri, String role);

        /** A node said goodbye or stopped answering. */
        void gone(String name);
    }

    /** Starts reporting to {@code listener}, including the nodes already known. */
    void start(Listener listener);

    @Override
    void close();
}
