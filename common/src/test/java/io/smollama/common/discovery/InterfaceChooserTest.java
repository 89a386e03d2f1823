package io.smollama.common.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterfaceChooserTest {

    static InterfaceChooser.Candidate nic(String name, String... addresses) {
        return new InterfaceChooser.Candidate(name, true, false, false, true, false, addrs(addresses));
    }

    static List<InetAddress> addrs(String... addresses) {
        return Arrays.stream(addresses)
                .map(a -> {
                    try {
                        return InetAddress.getByName(a);
                    } catch (java.net.UnknownHostException e) {
                        throw new IllegalArgumentException(e);
                    }
                })
                .toList();
    }

    static final InterfaceChooser.Candidate LOOPBACK =
            new InterfaceChooser.Candidate("lo", true, true, false, true, false, addrs("127.0.0.1", "::1"));

    @Test
    void aSiteLocalIpv4AddressOnARealNicIsPreferred() throws Exception {
        var chosen = InterfaceChooser.choose(
                "",
                List.of(
                        LOOPBACK,
                        nic("docker0", "172.17.0.1"),
                        nic("eth0", "fe80::1", "2001:db8::5", "192.168.1.20"),
                        nic("wlan0", "203.0.113.9")));

        assertThat(chosen.interfaceName()).isEqualTo("eth0");
        assertThat(chosen.address()).isEqualTo(InetAddress.getByName("192.168.1.20"));
    }

    @Test
    void interfacesThatAreDownLoopbackPointToPointOrWithoutMulticastAreSkipped() throws Exception {
        var down = new InterfaceChooser.Candidate("eth0", false, false, false, true, false, addrs("192.168.1.2"));
        var ptp = new InterfaceChooser.Candidate("ppp0", true, false, true, true, false, addrs("10.64.0.2"));
        var noMulticast = new InterfaceChooser.Candidate("eth1", true, false, false, false, false, addrs("10.0.0.2"));

        var chosen =
                InterfaceChooser.choose("", List.of(LOOPBACK, down, ptp, noMulticast, nic("eth2", "198.51.100.4")));

        assertThat(chosen.interfaceName()).isEqualTo("eth2");
    }

    @Test
    void aVirtualInterfaceIsUsedWhenItIsTheOnlyOne() throws Exception {
        var chosen = InterfaceChooser.choose("", List.of(LOOPBACK, nic("veth12", "10.77.0.1")));

        assertThat(chosen.address()).isEqualTo(InetAddress.getByName("10.77.0.1"));
    }

    @Test
    void withOnlyLoopbackNothingIsChosenAndTheMessageSaysWhatToSet() {
        assertThatThrownBy(() -> InterfaceChooser.choose("", List.of(LOOPBACK)))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("discovery.interface");
    }

    @Test
    void aConfiguredInterfaceNameIsUsedEvenWhenAnotherWouldRankHigher() throws Exception {
        var chosen = InterfaceChooser.choose(
                " wlan0 ", List.of(nic("eth0", "192.168.1.20"), nic("wlan0", "fe80::2", "10.1.2.3")));

        assertThat(chosen).isEqualTo(new MdnsInterface("wlan0", InetAddress.getByName("10.1.2.3")));
    }

    @Test
    void aConfiguredAddressPicksItsInterface() throws Exception {
        var chosen =
                InterfaceChooser.choose("10.1.2.3", List.of(nic("eth0", "192.168.1.20"), nic("wlan0", "10.1.2.3")));

        assertThat(chosen.interfaceName()).isEqualTo("wlan0");
    }

    @Test
    void aConfiguredLoopbackIsRefusedWithTheReason() {
        assertThatThrownBy(() -> InterfaceChooser.choose("127.0.0.1", List.of(LOOPBACK)))
                .hasMessageContaining("other hosts cannot reach");
        assertThatThrownBy(() -> InterfaceChooser.choose("lo", List.of(LOOPBACK)))
                .hasMessageContaining("loopback");
    }

    @Test
    void anUnknownConfiguredNameListsTheInterfacesThereAre() {
        assertThatThrownBy(() -> InterfaceChooser.choose("eth9", List.of(LOOPBACK, nic("eth0", "192.168.1.20"))))
                .hasMessageContaining("no interface named eth9")
                .hasMessageContaining("lo, eth0");
    }

    @Test
    void aConfiguredAddressThisMachineDoesNotHaveIsRefused() {
        assertThatThrownBy(() -> InterfaceChooser.choose("10.9.9.9", List.of(nic("eth0", "192.168.1.20"))))
                .hasMessageContaining("no interface of this machine has the address 10.9.9.9");
    }

    @Test
    void aConfiguredInterfaceThatIsDownIsRefused() {
        var down = new InterfaceChooser.Candidate("eth0", false, false, false, true, false, addrs("192.168.1.2"));

        assertThatThrownBy(() -> InterfaceChooser.choose("eth0", List.of(down))).hasMessageContaining("eth0 is down");
    }
}
