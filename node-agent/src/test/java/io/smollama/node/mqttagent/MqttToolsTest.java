package io.smollama.node.mqttagent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MqttToolsTest {

    @Test
    void theAgentMayPublishToOrdinaryTopicsAndToEvents() {
        assertThat(MqttTools.refusal("home/kitchen/light/set", "smollama")).isNull();
        assertThat(MqttTools.refusal("smollama/hub-1/events", "smollama")).isNull();
        assertThat(MqttTools.refusal("smollama/broadcast", "smollama")).isNull();
        assertThat(MqttTools.refusal("site/a/n1/events", "site/a")).isNull();
    }

    @Test
    void theAgentMayNotImpersonateANodesReadingsOrStatus() {
        assertThat(MqttTools.refusal("smollama/hub-1/readings", "smollama")).contains("only that node");
        assertThat(MqttTools.refusal("smollama/edge-2/status", "smollama")).contains("only that node");
        assertThat(MqttTools.refusal("site/a/n1/readings", "site/a")).contains("only that node");
    }

    @Test
    void wildcardsBrokerTopicsAndEmptyTopicsAreRefused() {
        assertThat(MqttTools.refusal("home/+/set", "smollama")).contains("wildcard");
        assertThat(MqttTools.refusal("home/#", "smollama")).contains("wildcard");
        assertThat(MqttTools.refusal("$SYS/broker/load", "smollama")).contains("belong to the broker");
        assertThat(MqttTools.refusal("", "smollama")).contains("empty");
    }

    @Test
    void eachTopicHasItsOwnValidSessionId() {
        String a = MqttQuestions.sessionId("home/a_b");
        String b = MqttQuestions.sessionId("home/a/b");
        String longTopic = MqttQuestions.sessionId("x/".repeat(200) + "end");

        assertThat(a).isNotEqualTo(b).startsWith("mqtt-home_a_b-");
        assertThat(MqttQuestions.sessionId("home/a_b")).isEqualTo(a);
        assertThat(longTopic).matches("[A-Za-z0-9_-]{1,64}");
        assertThat(MqttQuestions.sessionId("düsseldorf/temp °C")).matches("[A-Za-z0-9_-]{1,64}");
    }
}
