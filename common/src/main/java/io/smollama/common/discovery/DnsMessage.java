package io.smollama.common.discovery;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Just enough DNS wire format for a one-shot mDNS query (RFC 6762 §5.1): a PTR question, and the
 * PTR, SRV, TXT, A and AAAA records of the answers. Names keep their case; compare them ignoring it.
 */
final class DnsMessage {

    static final int TYPE_A = 1;
    static final int TYPE_PTR = 12;
    static final int TYPE_TXT = 16;
    static final int TYPE_AAAA = 28;
    static final int TYPE_SRV = 33;

    /** A resource record; {@code data} is the PTR target or SRV host, {@code port} the SRV port. */
    record Record(
            String name,
            int type,
            long ttl,
            String target,
            int port,
            Map<String, String> txt,
            List<InetAddress> address) {}

    private DnsMessage() {}

    /** A query with one PTR question for {@code name}; id 0 as mDNS asks. */
    static byte[] ptrQuery(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = {0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0};
        out.writeBytes(header);
        for (String label : stripDot(name).split("\\.")) {
            byte[] b = label.getBytes(StandardCharsets.UTF_8);
            out.write(b.length);
            out.writeBytes(b);
        }
        out.write(0);
        out.write(0);
        out.write(TYPE_PTR);
        out.write(0);
        out.write(1); // class IN, multicast response asked (one-shot queries get a unicast reply anyway)
        return out.toByteArray();
    }

    /** Every answer, authority and additional record of a response; throws on a malformed packet. */
    static List<Record> parse(byte[] packet, int length) {
        Reader r = new Reader(packet, length);
        r.u16(); // id
        int flags = r.u16();
        if ((flags & 0x8000) == 0) {
            return List.of(); // a query, not a response
        }
        int qd = r.u16();
        int records = r.u16() + r.u16() + r.u16();
        for (int i = 0; i < qd; i++) {
            r.name();
            r.u16();
            r.u16();
        }
        List<Record> out = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            String name = r.name();
            int type = r.u16();
            r.u16(); // class (with the cache-flush bit)
            long ttl = r.u32();
            int len = r.u16();
            int end = r.pos + len;
            if (end > length) {
                throw new IllegalArgumentException("record data runs past the packet end");
            }
            switch (type) {
                case TYPE_PTR -> out.add(new Record(name, type, ttl, r.name(), 0, Map.of(), List.of()));
                case TYPE_SRV -> {
                    r.u16();
                    r.u16();
                    int port = r.u16();
                    out.add(new Record(name, type, ttl, r.name(), port, Map.of(), List.of()));
                }
                case TYPE_TXT -> out.add(new Record(name, type, ttl, "", 0, txt(packet, r.pos, end), List.of()));
                case TYPE_A, TYPE_AAAA -> {
                    byte[] addr = new byte[len];
                    System.arraycopy(packet, r.pos, addr, 0, len);
                    try {
                        out.add(new Record(name, type, ttl, "", 0, Map.of(), List.of(InetAddress.getByAddress(addr))));
                    } catch (UnknownHostException e) {
                        throw new IllegalArgumentException("address record of " + len + " bytes", e);
                    }
                }
                default -> {}
            }
            r.pos = end;
        }
        return out;
    }

    private static Map<String, String> txt(byte[] p, int from, int end) {
        Map<String, String> txt = new LinkedHashMap<>();
        int i = from;
        while (i < end) {
            int len = p[i] & 0xff;
            String entry = new String(p, i + 1, Math.min(len, end - i - 1), StandardCharsets.UTF_8);
            i += 1 + len;
            int eq = entry.indexOf('=');
            if (!entry.isEmpty()) {
                txt.putIfAbsent(
                        (eq < 0 ? entry : entry.substring(0, eq)).toLowerCase(Locale.ROOT),
                        eq < 0 ? "" : entry.substring(eq + 1));
            }
        }
        return txt;
    }

    static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static final class Reader {
        final byte[] p;
        final int length;
        int pos;

        Reader(byte[] p, int length) {
            this.p = p;
            this.length = length;
        }

        int u8(int at) {
            if (at >= length) {
                throw new IllegalArgumentException("truncated packet at byte " + at);
            }
            return p[at] & 0xff;
        }

        int u16() {
            int v = (u8(pos) << 8) | u8(pos + 1);
            pos += 2;
            return v;
        }

        long u32() {
            return ((long) u16() << 16) | u16();
        }

        /** A name, following compression pointers (at most 64 jumps, so a loop cannot hang us). */
        String name() {
            StringBuilder sb = new StringBuilder();
            int at = pos;
            boolean jumped = false;
            for (int jumps = 0; ; ) {
                int len = u8(at);
                if (len == 0) {
                    if (!jumped) {
                        pos = at + 1;
                    }
                    return sb.toString();
                }
                if ((len & 0xc0) == 0xc0) {
                    if (++jumps > 64) {
                        throw new IllegalArgumentException("name compression loop");
                    }
                    int target = ((len & 0x3f) << 8) | u8(at + 1);
                    if (!jumped) {
                        pos = at + 2;
                    }
                    jumped = true;
                    at = target;
                    continue;
                }
                if (at + 1 + len > length) {
                    throw new IllegalArgumentException("label runs past the packet end");
                }
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(new String(p, at + 1, len, StandardCharsets.UTF_8));
                at += 1 + len;
            }
        }
    }
}
