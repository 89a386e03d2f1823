package io.smollama.common.discovery;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One complete answer about a {@code _smollama._tcp} instance, as heard on the wire (from JmDNS or
 * from this package's own one-shot query) and before it is interpreted. {@code addresses} are
 * ordered best first: routable IPv4, then other IPv4, then IPv6.
 */
record ServiceSighting(String instance, int port, Map<String, String> txt, List<InetAddress> addresses) {

    ServiceSighting {
        txt = Map.copyOf(txt);
        addresses = addresses.stream()
                .filter(a -> !a.isLoopbackAddress() && !a.isAnyLocalAddress())
                .distinct()
                .sorted(Comparator.comparingInt(ServiceSighting::rank))
                .toList();
    }

    /** Usable when it names a port and at least one address a client can reach. */
    boolean usable() {
        return port > 0 && !addresses.isEmpty();
    }

    URI baseUrl() {
        InetAddress a = addresses.getFirst();
        String host = a instanceof Inet6Address ? "[" + literal(a) + "]" : literal(a);
        return URI.create("http://" + host + ":" + port);
    }

    static String literal(InetAddress a) {
        String s = a.getHostAddress();
        int scope = s.indexOf('%');
        return scope >= 0 ? s.substring(0, scope) : s; // a zone index means nothing to another host
    }

    private static int rank(InetAddress a) {
        if (a instanceof Inet4Address) {
            return a.isLinkLocalAddress() ? 1 : 0;
        }
        return a.isLinkLocalAddress() ? 3 : 2;
    }
}
