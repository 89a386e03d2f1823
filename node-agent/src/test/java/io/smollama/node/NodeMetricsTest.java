package io.smollama.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.node.metrics.MetricRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class NodeMetricsTest {

    @Test
    void syncFiguresAreReadAtScrapeTimeUnderTheirDocumentedNames() {
        MetricRegistry registry = new MetricRegistry();
        AtomicLong pending = new AtomicLong(12);
        NodeMetrics.sync(registry, () -> 4.5, pending::get);
        pending.set(3);

        assertThat(registry.scrape())
                .contains("# TYPE smollama_sync_lag_seconds gauge\nsmollama_sync_lag_seconds 4.5\n")
                .contains("# TYPE smollama_sync_pending_entries gauge\nsmollama_sync_pending_entries 3\n");
    }

    @Test
    void buildInfoNamesTheVersionAndCommit() {
        assertThat(NodeMetrics.create().scrape())
                .contains("smollama_build_info{version=\"" + BuildInfo.version() + "\",commit=\"" + BuildInfo.commit()
                        + "\"} 1\n");
    }
}
