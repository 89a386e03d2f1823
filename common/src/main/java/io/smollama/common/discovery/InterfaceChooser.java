package io.smollama.common.discovery;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Picks the interface and address to run mDNS on. Given nothing, it takes an interface that is up,
 * not loopback, not point-to-point and multicast-capable, preferring real NICs over container,
 * VPN and bridge interfaces, and a site-local IPv4 address (10/8, 172.16/12, 192.168/16) over other
 * IPv4, link-local IPv4 and IPv6. Given an interface name or an address, it uses exactly that one or
 * says why it cannot. A loopback address is never chosen: other hosts cannot reach it.
 */
public final class InterfaceChooser {

    /** Interfaces that usually do not face the LAN: containers, bridges, VPNs, virtual machines. */
    private static final Pattern VIRTUAL_NAME = Pattern.compile(
            "(docker|veth|br-|virbr|vmnet|vboxnet|tun|tap|wg|zt|lxc|lxd|cni|flannel|cali|tailscale|utun|podman|kube).*");

    /** What the chooser needs to know about one interface (a seam, so the choice is unit-testable). */
    record Candidate(
            String name,
            boolean up,
            boolean loopback,
            boolean pointToPoint,
            boolean multicast,
            boolean virtual,
            List<InetAddress> addresses) {}

    private InterfaceChooser() {}

    /**
     * Chooses on this machine's interfaces; {@code configured} is an interface name, an address, or
     * blank for an automatic choice.
     */
    public static MdnsInterface choose(String configured) throws DiscoveryException {
        return choose(configured, systemCandidates());
    }

    static MdnsInterface choose(String configured, List<Candidate> candidates) throws DiscoveryException {
        String wanted = configured.strip();
        if (!wanted.isEmpty()) {
            return explicit(wanted, candidates);
        }
        record Option(Candidate c, InetAddress a, int score) {}
        List<Option> options = new ArrayList<>();
        for (Candidate c : candidates) {
            if (!c.up() || c.loopback() || c.pointToPoint() || !c.multicast()) {
                continue;
            }
            for (InetAddress a : c.addresses()) {
                int rank = addressRank(a);
                if (rank >= 0) {
                    options.add(new Option(c, a, (isVirtual(c) ? 10 : 0) + rank));
                }
            }
        }
        return options.stream()
                .min(Comparator.comparingInt(Option::score).thenComparing(o -> o.c().name()))
                .map(o -> new MdnsInterface(o.c().name(), o.a()))
                .orElseThrow(() -> new DiscoveryException(
                        "no network interface is up, multicast-capable and has a non-loopback address "
                                + "(set discovery.interface to an interface name or address)"));
    }

    private static MdnsInterface explicit(String wanted, List<Candidate> candidates) throws DiscoveryException {
        Optional<InetAddress> literal = parseLiteral(wanted);
        if (literal.isPresent()) {
            InetAddress a = literal.get();
            if (a.isLoopbackAddress() || a.isAnyLocalAddress()) {
                throw new DiscoveryException("discovery.interface: " + wanted
                        + " cannot be announced: other hosts cannot reach a loopback or wildcard address");
            }
            for (Candidate c : candidates) {
                if (c.addresses().contains(a)) {
                    requireUsable(c, wanted);
                    return new MdnsInterface(c.name(), a);
                }
            }
            throw new DiscoveryException("discovery.interface: no interface of this machine has the address " + wanted);
        }
        for (Candidate c : candidates) {
            if (c.name().equals(wanted)) {
                requireUsable(c, wanted);
                return c.addresses().stream()
                        .filter(a -> addressRank(a) >= 0)
                        .min(Comparator.comparingInt(InterfaceChooser::addressRank))
                        .map(a -> new MdnsInterface(c.name(), a))
                        .orElseThrow(() -> new DiscoveryException(
                                "discovery.interface: " + wanted + " has no address other hosts can reach"));
            }
        }
        throw new DiscoveryException("discovery.interface: no interface named " + wanted + " (this machine has "
                + String.join(", ", candidates.stream().map(Candidate::name).toList()) + ")");
    }

    private static void requireUsable(Candidate c, String wanted) throws DiscoveryException {
        if (c.loopback()) {
            throw new DiscoveryException("discovery.interface: " + wanted + " is the loopback interface,"
                    + " which other hosts cannot reach");
        }
        if (!c.up()) {
            throw new DiscoveryException("discovery.interface: " + c.name() + " is down");
        }
        if (!c.multicast()) {
            throw new DiscoveryException("discovery.interface: " + c.name() + " does not support multicast");
        }
    }

    /** 0 best; -1 never (loopback, wildcard, multicast). */
    static int addressRank(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isMulticastAddress()) {
            return -1;
        }
        if (a instanceof Inet4Address) {
            return a.isSiteLocalAddress() ? 0 : a.isLinkLocalAddress() ? 2 : 1;
        }
        if (a instanceof Inet6Address) {
            return a.isLinkLocalAddress() ? 4 : 3;
        }
        return -1;
    }

    private static boolean isVirtual(Candidate c) {
        return c.virtual()
                || VIRTUAL_NAME.matcher(c.name().toLowerCase(Locale.ROOT)).matches();
    }

    /** An IP literal (never a DNS lookup: a name is an interface name). */
    private static Optional<InetAddress> parseLiteral(String s) {
        boolean v4 = s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = s.contains(":") && s.matches("[0-9a-fA-F:.%\\w]+");
        if (!v4 && !v6) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(s));
        } catch (java.net.UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static List<Candidate> systemCandidates() throws DiscoveryException {
        List<Candidate> out = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                try {
                    out.add(new Candidate(
                            ni.getName(),
                            ni.isUp(),
                            ni.isLoopback(),
                            ni.isPointToPoint(),
                            ni.supportsMulticast(),
                            ni.isVirtual(),
                            Collections.list(ni.getInetAddresses())));
                } catch (SocketException e) {
                    // an interface that vanished while we looked is simply not a candidate
                }
            }
        } catch (SocketException e) {
            throw new DiscoveryException("cannot list network interfaces: " + e.getMessage(), e);
        }
        return out;
    }
}
