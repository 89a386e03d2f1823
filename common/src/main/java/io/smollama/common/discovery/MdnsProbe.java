package io.smollama.common.discovery;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One mDNS query for {@code _smollama._tcp.local.} without known answers, so every node that is
 * still there answers now, and a listen on the mDNS group for the answers. This is how the browser
 * learns that a node is still there, rather than trusting a cache. (A one-shot query from an
 * ephemeral port, RFC 6762 §5.1, would be simpler, but JmDNS answers it on the group rather than
 * to the asking port, so the probe listens where every responder's answer arrives.)
 */
final class MdnsProbe {

    private static final Logger LOG = Logger.getLogger(MdnsProbe.class.getName());
    private static final InetSocketAddress GROUP = new InetSocketAddress("224.0.0.251", 5353);

    /** What one probe heard: instances that answered, those complete enough to use, and goodbyes. */
    record Result(Set<String> answered, List<ServiceSighting> sightings, Set<String> goodbyes) {}

    private final InetAddress address;

    MdnsProbe(InetAddress address) {
        this.address = address;
    }

    Result probe(Duration window) throws IOException {
        List<DnsMessage.Record> records = new ArrayList<>();
        NetworkInterface ni = NetworkInterface.getByInetAddress(address);
        if (ni == null) {
            throw new IOException("no interface has the address " + address.getHostAddress() + " any more");
        }
        try (MulticastSocket socket = new MulticastSocket(null)) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(GROUP.getPort()));
            socket.setNetworkInterface(ni);
            socket.joinGroup(GROUP, ni);
            socket.setTimeToLive(255);
            byte[] query = DnsMessage.ptrQuery(SmollamaService.TYPE);
            socket.send(new DatagramPacket(query, query.length, GROUP));
            long deadline = System.nanoTime() + window.toNanos();
            byte[] buf = new byte[9000];
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) Math.max(1, left));
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException e) {
                    break;
                }
                try {
                    records.addAll(DnsMessage.parse(p.getData(), p.getLength()));
                } catch (IllegalArgumentException e) {
                    LOG.log(Level.FINE, "ignoring a malformed mDNS answer from " + p.getAddress(), e);
                }
            }
        }
        return assemble(records);
    }

    /** Joins PTR, SRV, TXT and address records into sightings. */
    static Result assemble(List<DnsMessage.Record> records) {
        String suffix = "." + DnsMessage.stripDot(SmollamaService.TYPE).toLowerCase(Locale.ROOT);
        Map<String, String> instances = new LinkedHashMap<>(); // fqdn (lower case) -> instance label
        Set<String> goodbyes = new LinkedHashSet<>();
        Map<String, DnsMessage.Record> srv = new HashMap<>();
        Map<String, Map<String, String>> txt = new HashMap<>();
        Map<String, List<InetAddress>> hosts = new HashMap<>();
        for (DnsMessage.Record r : records) {
            String name = r.name().toLowerCase(Locale.ROOT);
            switch (r.type()) {
                case DnsMessage.TYPE_PTR -> {
                    String target = r.target();
                    String lower = target.toLowerCase(Locale.ROOT);
                    if (name.equals(suffix.substring(1)) && lower.endsWith(suffix)) {
                        String instance = target.substring(0, target.length() - suffix.length());
                        if (r.ttl() == 0) {
                            goodbyes.add(instance);
                        } else {
                            instances.put(lower, instance);
                        }
                    }
                }
                case DnsMessage.TYPE_SRV -> srv.put(name, r);
                case DnsMessage.TYPE_TXT -> txt.put(name, r.txt());
                case DnsMessage.TYPE_A, DnsMessage.TYPE_AAAA ->
                    hosts.computeIfAbsent(name, k -> new ArrayList<>()).addAll(r.address());
                default -> {}
            }
        }
        List<ServiceSighting> sightings = new ArrayList<>();
        for (var e : instances.entrySet()) {
            DnsMessage.Record s = srv.get(e.getKey());
            Map<String, String> t = txt.get(e.getKey());
            if (s == null || t == null) {
                continue;
            }
            List<InetAddress> addrs = hosts.getOrDefault(s.target().toLowerCase(Locale.ROOT), List.of());
            ServiceSighting sighting = new ServiceSighting(e.getValue(), s.port(), t, addrs);
            if (sighting.usable()) {
                sightings.add(sighting);
            }
        }
        return new Result(new LinkedHashSet<>(instances.values()), sightings, goodbyes);
    }
}
