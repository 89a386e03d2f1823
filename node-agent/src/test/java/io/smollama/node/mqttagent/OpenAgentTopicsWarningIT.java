package io.smollama.node.mqttagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.node.NodeAgent;
import io.smollama.node.testsupport.TestNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agent topics on a broker anyone may publish to put the node's actuators in anyone's hands: the node says so. */
class OpenAgentTopicsWarningIT {

    @TempDir
    Path dir;

    private final Logger log = Logger.getLogger(NodeAgent.class.getName());
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            warnings.add(r.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void listen() {
        log.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        log.removeHandler(capture);
    }

    @Test
    void agentTopicsWithoutABrokerUserNameAreWarnedAboutAtStart() throws Exception {
        try (TestNode hub = TestNode.start(dir.resolve("open"), """
                node: {name: hub-open, role: hub}
                mqtt: {agent_topics: ["home/#"]}
                plugins: {system: {enabled: false}}
                """)) {
            assertThat(warnings)
                    .anySatisfy(w -> assertThat(w).contains("mqtt.agent_topics").contains("mqtt.username"));
        }
    }

    @Test
    void agentTopicsOnABrokerWithAUserNameAreNotWarnedAbout() throws Exception {
        try (TestNode hub = TestNode.start(dir.resolve("closed"), """
                node: {name: hub-closed, role: hub}
                mqtt: {agent_topics: ["home/#"], username: smollama, password: a-long-broker-secret}
                plugins: {system: {enabled: false}}
                """)) {
            assertThat(warnings).noneSatisfy(w -> assertThat(w).contains("mqtt.agent_topics"));
        }
    }
}
