package io.smollama.common.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DnsMessageTest {

    /** Writes a response the way responders do: the service type name once, then pointers to it. */
    static final class Response {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        int records;
        int typeOffset = -1;

        Response() {
            out.writeBytes(new byte[12]);
        }

        void name(String name) {
            for (String label : name.split("\\.")) {
                byte[] b = label.getBytes(StandardCharsets.UTF_8);
                out.write(b.length);
                out.writeBytes(b);
            }
            out.write(0);
        }

        /** The service type, compressed after its first appearance. */
        void typeName() {
            if (typeOffset < 0) {
                typeOffset = out.size();
                name("_smollama._tcp.local");
            } else {
                out.write(0xc0 | (typeOffset >> 8));
                out.write(typeOffset & 0xff);
            }
        }

        void instanceName(String instance) {
            byte[] b = instance.getBytes(StandardCharsets.UTF_8);
            out.write(b.length);
            out.writeBytes(b);
            typeName();
        }

        void header(int type, long ttl, byte[] rdata) {
            u16(type);
            u16(0x8001);
            u16((int) (ttl >> 16));
            u16((int) ttl);
            u16(rdata.length);
            out.writeBytes(rdata);
            records++;
        }

        Response ptr(String instance, long ttl) {
            typeName();
            Response rd = new Response();
            rd.out.reset();
            rd.name(instance + "._smollama._tcp.local");
            header(DnsMessage.TYPE_PTR, ttl, rd.out.toByteArray());
            return this;
        }

        Response srv(String instance, int port, String host) {
            instanceName(instance);
            Response rd = new Response();
            rd.out.reset();
            rd.u16(0);
            rd.u16(0);
            rd.u16(port);
            rd.name(host);
            header(DnsMessage.TYPE_SRV, 120, rd.out.toByteArray());
            return this;
        }

        Response txt(String instance, String... entries) {
            instanceName(instance);
            ByteArrayOutputStream rd = new ByteArrayOutputStream();
            for (String e : entries) {
                byte[] b = e.getBytes(StandardCharsets.UTF_8);
                rd.write(b.length);
                rd.writeBytes(b);
            }
            header(DnsMessage.TYPE_TXT, 4500, rd.toByteArray());
            return this;
        }

        Response a(String host, String address) throws Exception {
            name(host);
            header(DnsMessage.TYPE_A, 120, InetAddress.getByName(address).getAddress());
            return this;
        }

        void u16(int v) {
            out.write((v >> 8) & 0xff);
            out.write(v & 0xff);
        }

        byte[] bytes() {
            byte[] b = out.toByteArray();
            b[2] = (byte) 0x84; // response, authoritative
            b[7] = (byte) records; // all in the answer section
            return b;
        }
    }

    @Test
    void theQueryAsksForThePtrRecordsOfTheServiceType() {
        byte[] q = DnsMessage.ptrQuery(SmollamaService.TYPE);

        assertThat(q).hasSize(12 + 22 + 4);
        assertThat(q[5]).isEqualTo((byte) 1); // one question
        assertThat(new String(q, 13, 9, StandardCharsets.UTF_8)).isEqualTo("_smollama");
        assertThat(q[q.length - 3]).isEqualTo((byte) DnsMessage.TYPE_PTR);
    }

    @Test
    void aResponseIsAssembledIntoASightingWithTheTxtRecord() throws Exception {
        byte[] p = new Response()
                .ptr("hub-1", 4500)
                .srv("hub-1", 8080, "hub-1.local")
                .txt("hub-1", "role=hub", "version=0.1.0", "api=/api", "auth=none", "caps=readings,actuators")
                .a("hub-1.local", "192.168.1.20")
                .bytes();

        MdnsProbe.Result r = MdnsProbe.assemble(DnsMessage.parse(p, p.length));

        assertThat(r.answered()).containsExactly("hub-1");
        assertThat(r.goodbyes()).isEmpty();
        assertThat(r.sightings()).singleElement().satisfies(s -> {
            assertThat(s.instance()).isEqualTo("hub-1");
            assertThat(s.port()).isEqualTo(8080);
            assertThat(s.addresses()).containsExactly(InetAddress.getByName("192.168.1.20"));
            DiscoveredNode n = DiscoveredNode.from(s, java.time.Instant.EPOCH, java.time.Instant.EPOCH);
            assertThat(n.role()).isEqualTo("hub");
            assertThat(n.auth()).isEqualTo("none");
            assertThat(n.caps()).containsExactly("readings", "actuators");
        });
    }

    @Test
    void aPtrWithoutItsDetailsCountsAsAnAnswerButNotASighting() {
        byte[] p = new Response().ptr("node-2", 4500).bytes();

        MdnsProbe.Result r = MdnsProbe.assemble(DnsMessage.parse(p, p.length));

        assertThat(r.answered()).containsExactly("node-2");
        assertThat(r.sightings()).isEmpty();
    }

    @Test
    void aPtrWithTtlZeroIsAGoodbye() {
        byte[] p = new Response().ptr("node-2", 0).bytes();

        MdnsProbe.Result r = MdnsProbe.assemble(DnsMessage.parse(p, p.length));

        assertThat(r.goodbyes()).containsExactly("node-2");
        assertThat(r.answered()).isEmpty();
    }

    @Test
    void otherServicesAreIgnored() {
        Response resp = new Response();
        resp.name("_http._tcp.local");
        Response rd = new Response();
        rd.out.reset();
        rd.name("printer._http._tcp.local");
        resp.header(DnsMessage.TYPE_PTR, 4500, rd.out.toByteArray());
        byte[] p = resp.bytes();

        assertThat(MdnsProbe.assemble(DnsMessage.parse(p, p.length)).answered()).isEmpty();
    }

    @Test
    void aQueryIsNotReadAsAnAnswer() {
        byte[] q = DnsMessage.ptrQuery(SmollamaService.TYPE);

        assertThat(DnsMessage.parse(q, q.length)).isEmpty();
    }

    @Test
    void aCompressionLoopIsRefusedInsteadOfHanging() {
        byte[] p = new Response().ptr("x", 10).bytes();
        p[12] = (byte) 0xc0; // the first name now points at itself
        p[13] = 12;

        assertThatThrownBy(() -> DnsMessage.parse(p, p.length))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loop");
    }

    @Test
    void truncatedOrGarbledPacketsNeverThrowAnythingButIllegalArgument() throws Exception {
        byte[] good = new Response()
                .ptr("hub-1", 4500)
                .srv("hub-1", 8080, "hub-1.local")
                .txt("hub-1", "role=hub")
                .a("hub-1.local", "192.168.1.20")
                .bytes();
        Random random = new Random(20260101L);
        for (int i = 0; i < 5_000; i++) {
            byte[] p = good.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                p[12 + random.nextInt(p.length - 12)] = (byte) random.nextInt(256);
            }
            int length = random.nextBoolean() ? p.length : random.nextInt(p.length);
            try {
                MdnsProbe.assemble(DnsMessage.parse(p, length));
            } catch (IllegalArgumentException expected) {
                // refused cleanly
            }
        }
        assertThat(MdnsProbe.assemble(DnsMessage.parse(good, good.length)).sightings())
                .hasSize(1);
    }

    @Test
    void ptrAnswersCompareTheTypeIgnoringCase() {
        Response resp = new Response();
        resp.name("_SMOLLAMA._TCP.LOCAL");
        Response rd = new Response();
        rd.out.reset();
        rd.name("Hub-1._Smollama._tcp.local");
        resp.header(DnsMessage.TYPE_PTR, 4500, rd.out.toByteArray());
        byte[] p = resp.bytes();

        assertThat(MdnsProbe.assemble(DnsMessage.parse(p, p.length)).answered()).isEqualTo(java.util.Set.of("Hub-1"));
    }
}
