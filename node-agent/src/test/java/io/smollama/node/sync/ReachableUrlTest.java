package io.smollama.node.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The URL a hub keeps for a node that pushed to it, so the cluster views can reach that node. */
class ReachableUrlTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void aNodeBoundToEveryInterfaceIsReachedAtTheAddressItsPushCameFrom() throws Exception {
        assertThat(SyncHttpService.reachableUrl("http://127.0.0.1:8080", ip("192.168.1.21")))
                .isEqualTo("http://192.168.1.21:8080");
        assertThat(SyncHttpService.reachableUrl("http://localhost:8081", ip("10.0.0.7")))
                .isEqualTo("http://10.0.0.7:8081");
        assertThat(SyncHttpService.reachableUrl("http://[::1]:8080", ip("fd00::21")))
                .isEqualTo("http://[fd00:0:0:0:0:0:0:21]:8080");
    }

    @Test
    void aRoutableUrlOrAPushOverLoopbackKeepsTheReportedUrl() throws Exception {
        assertThat(SyncHttpService.reachableUrl("http://192.168.1.21:8080", ip("192.168.1.30")))
                .isEqualTo("http://192.168.1.21:8080");
        assertThat(SyncHttpService.reachableUrl("http://pi-3.local:8080", ip("192.168.1.30")))
                .isEqualTo("http://pi-3.local:8080");
        assertThat(SyncHttpService.reachableUrl("http://127.0.0.1:8080", ip("127.0.0.1")))
                .isEqualTo("http://127.0.0.1:8080");
        assertThat(SyncHttpService.reachableUrl(null, ip("192.168.1.30"))).isNull();
    }
}
