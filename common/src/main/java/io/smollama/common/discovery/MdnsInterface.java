package io.smollama.common.discovery;

import java.net.InetAddress;

/** The interface and address mDNS runs on: what a node announces and where a browser listens. */
public record MdnsInterface(String interfaceName, InetAddress address) {

    @Override
    public String toString() {
        return interfaceName + " (" + ServiceSighting.literal(address) + ")";
    }
}
