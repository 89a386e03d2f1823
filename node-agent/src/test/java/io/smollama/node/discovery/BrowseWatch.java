package io.smollama.node.discovery;

import io.smollama.common.Json;
import io.smollama.common.discovery.DiscoveredNode;
import io.smollama.common.discovery.InterfaceChooser;
import io.smollama.common.discovery.NodeBrowser;
import java.time.Clock;
import java.time.Duration;

/**
 * A browser as its own program, for tests that run it in another network namespace: prints
 * {@code added|updated|removed <json>} per change until killed. Arguments: refresh interval in
 * milliseconds, refreshes a node may miss.
 */
public final class BrowseWatch {

    private BrowseWatch() {}

    public static void main(String[] args) throws Exception {
        Duration refresh = Duration.ofMillis(Long.parseLong(args[0]));
        int missed = Integer.parseInt(args[1]);
        var on = InterfaceChooser.choose("");
        try (NodeBrowser browser = NodeBrowser.start(
                on, new NodeBrowser.Settings(refresh, missed, refresh.dividedBy(2)), Clock.systemUTC())) {
            browser.addListener(new NodeBrowser.Listener() {
                @Override
                public void added(DiscoveredNode node) {
                    print("added", node);
                }

                @Override
                public void updated(DiscoveredNode node) {
                    print("updated", node);
                }

                @Override
                public void removed(DiscoveredNode node) {
                    print("removed", node);
                }
            });
            System.out.println("browsing on " + on);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    private static void print(String kind, DiscoveredNode node) {
        try {
            System.out.println(kind + " " + Json.mapper().writeValueAsString(node));
            System.out.flush();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
