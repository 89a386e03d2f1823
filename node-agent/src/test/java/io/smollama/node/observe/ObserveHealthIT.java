package io.smollama.node.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.common.ComponentHealth;
import io.smollama.node.cli.SmollamaNode;
import io.smollama.node.testsupport.TestNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code observe} component of a real node's {@code /api/health} and of {@code status}. */
class ObserveHealthIT {

    @TempDir
    Path dir;

    @Test
    void aNodeWithObservationsTurnedOffSaysSoInHealthAndStatus() throws Exception {
        try (TestNode node = TestNode.start(dir.resolve("node"), "observe:\n  enabled: false\n")) {
            ComponentHealth observe = node.client().health().components().get("observe");
            assertThat(observe.status()).isEqualTo(ComponentHealth.Status.DISABLED);
            assertThat(observe.detail()).isEqualTo("observe.enabled is false");

            Path config = Files.writeString(
                    Files.createDirectories(dir.resolve("cli")).resolve("smollama.yaml"), "");
            StringWriter out = new StringWriter();
            int code = SmollamaNode.execute(
                    new String[] {"status", "--url", node.agent().baseUri().toString(), "-c", config.toString()},
                    new PrintWriter(out, true),
                    new PrintWriter(new StringWriter(), true));
            assertThat(code).isZero();
            assertThat(out.toString()).containsPattern("(?m)^\\s+observe\\s+DISABLED\\s+observe.enabled is false$");
        }
    }

    @Test
    void anEdgeNodeDoesNotObserve() throws Exception {
        try (TestNode node = TestNode.start(dir.resolve("edge"), "node:\n  role: edge\n")) {
            assertThat(node.client().health().components().get("observe").detail())
                    .isEqualTo("edge nodes do not observe");
        }
    }
}
