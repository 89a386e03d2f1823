package io.smollama.common.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TxtRecordTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void anAnnouncementCarriesRoleVersionApiAuthAndCapsInThatOrder() {
        var a = new NodeAnnouncement(
                "greenhouse-1", 8080, "hub", "0.3.0", "/api", "none", List.of("readings", "actuators"));

        assertThat(a.txt())
                .containsExactly(
                        Map.entry("role", "hub"),
                        Map.entry("version", "0.3.0"),
                        Map.entry("api", "/api"),
                        Map.entry("auth", "none"),
                        Map.entry("caps", "readings,actuators"));
    }

    @Test
    void aNodeThatRunsABrokerAnnouncesItsPortUnderMqttAndIsReadBack() throws Exception {
        var a = new NodeAnnouncement("hub-1", 8080, "hub", "0.3.0", "/api", "token", List.of("mqtt"), 1883);
        var s = new ServiceSighting("hub-1", 8080, a.txt(), List.of(InetAddress.getByName("10.0.0.7")));

        assertThat(a.txt()).containsEntry("mqtt", "1883");
        assertThat(DiscoveredNode.from(s, T, T).mqttPort()).isEqualTo(1883);
        assertThat(DiscoveredNode.from(s, T, T).host()).isEqualTo("10.0.0.7");
    }

    @Test
    void aNodeWithoutABrokerOrWithAMalformedMqttKeyHasNoMqttPort() throws Exception {
        var plain = new NodeAnnouncement("n", 8080, "node", "1", "/api", "token", List.of());
        var bad = new ServiceSighting(
                "x", 9000, Map.of("role", "hub", "mqtt", "eighteen"), List.of(InetAddress.getByName("10.0.0.7")));

        assertThat(plain.txt()).doesNotContainKey("mqtt");
        assertThat(DiscoveredNode.from(bad, T, T).mqttPort()).isNull();
    }

    @Test
    void anAnnouncementRefusesValuesTheRecordCannotCarry() {
        assertThatThrownBy(() -> new NodeAnnouncement("n", 8080, "hub", "1", "/api", "bearer", List.of()))
                .hasMessageContaining("auth: expected token or none");
        assertThatThrownBy(() -> new NodeAnnouncement("n", 8080, "hub", "1", "/api", "token", List.of("a,b")))
                .hasMessageContaining("caps");
        assertThatThrownBy(() -> new NodeAnnouncement("n", 0, "hub", "1", "/api", "token", List.of()))
                .hasMessageContaining("port");
        assertThatThrownBy(() -> new NodeAnnouncement("n", 8080, "hub", "1", "api", "token", List.of()))
                .hasMessageContaining("apiPath");
        assertThatThrownBy(() -> new NodeAnnouncement("n", 8080, "hub", "1", "/api", "token", List.of(), 70000))
                .hasMessageContaining("mqttPort");
    }

    @Test
    void aDiscoveredNodeReadsBackWhatWasAnnounced() throws Exception {
        var a = new NodeAnnouncement("greenhouse-1", 8080, "node", "0.3.0", "/api", "token", List.of("readings"));
        var s = new ServiceSighting(
                "greenhouse-1",
                8080,
                a.txt(),
                List.of(InetAddress.getByName("fe80::1"), InetAddress.getByName("10.0.0.7")));

        DiscoveredNode n = DiscoveredNode.from(s, T, T);

        assertThat(n.name()).isEqualTo("greenhouse-1");
        assertThat(n.role()).isEqualTo("node");
        assertThat(n.version()).isEqualTo("0.3.0");
        assertThat(n.apiPath()).isEqualTo("/api");
        assertThat(n.auth()).isEqualTo("token");
        assertThat(n.caps()).containsExactly("readings");
        assertThat(n.baseUrl()).hasToString("http://10.0.0.7:8080");
        assertThat(n.addresses()).containsExactly("10.0.0.7", "fe80:0:0:0:0:0:0:1");
        assertThat(n.isHub()).isFalse();
    }

    @Test
    void missingTxtKeysTakeSafeDefaults() throws Exception {
        var s = new ServiceSighting("x", 9000, Map.of("role", "llama"), List.of(InetAddress.getByName("10.0.0.7")));

        DiscoveredNode n = DiscoveredNode.from(s, T, T);

        assertThat(n.auth()).isEqualTo("token");
        assertThat(n.apiPath()).isEqualTo("/api");
        assertThat(n.caps()).isEmpty();
        assertThat(n.version()).isEmpty();
        assertThat(n.isHub()).isTrue();
    }

    @Test
    void anIpv6OnlyNodeGetsABracketedUrl() throws Exception {
        var s = new ServiceSighting("x", 9000, Map.of("role", "node"), List.of(InetAddress.getByName("fd00::5")));

        assertThat(DiscoveredNode.from(s, T, T).baseUrl()).hasToString("http://[fd00:0:0:0:0:0:0:5]:9000");
    }
}
