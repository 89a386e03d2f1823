package io.smollama.node.observe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonRepairTest {

    @Test
    void readsAValidObjectAsItIs() {
        var r = JsonRepair.parse("{\"observations\":[{\"text\":\"a\"}],\"memories\":[]}");
        assertThat(r.object()).isPresent();
        assertThat(r.repaired()).isFalse();
    }

    @Test
    void stripsACodeFenceAndTheProseAroundIt() {
        var r = JsonRepair.parse("""
                Sure! Here is the JSON you asked for:
                ```json
                {"observations": [{"text": "warm {really}", "type": "status"}]}
                ```
                Let me know if you need more {anything}.""");
        assertThat(r.repaired()).isTrue();
        assertThat(r.object().orElseThrow().at("/observations/0/text").asText()).isEqualTo("warm {really}");
    }

    @Test
    void toleratesTrailingCommas() {
        var r = JsonRepair.parse("{\"observations\":[{\"text\":\"a\",\"confidence\":0.5,},],}");
        assertThat(r.repaired()).isTrue();
        assertThat(r.object().orElseThrow().at("/observations/0/confidence").asDouble())
                .isEqualTo(0.5);
    }

    @Test
    void aTruncatedAnswerKeepsItsCompleteItems() {
        var r = JsonRepair.parse(
                "{\"observations\":[{\"text\":\"one\"},{\"text\":\"two\",\"related_sources\":[\"a:b\"]},"
                        + "{\"text\":\"thr");
        assertThat(r.repaired()).isTrue();
        var items = r.object().orElseThrow().get("observations");
        assertThat(items).hasSize(2);
        assertThat(items.get(1).get("text").asText()).isEqualTo("two");
    }

    @Test
    void aTruncatedSecondArrayKeepsTheFirstWhole() {
        var r = JsonRepair.parse(
                "{\"observations\":[{\"text\":\"one\"}],\"memories\":[{\"fact\":\"f\",\"confidence\":0.9},{\"fa");
        var o = r.object().orElseThrow();
        assertThat(o.get("observations")).hasSize(1);
        assertThat(o.get("memories")).hasSize(1);
    }

    @Test
    void garbageIsNotGuessedAt() {
        assertThat(JsonRepair.parse("It is warm today.").object()).isEmpty();
        assertThat(JsonRepair.parse("{\"observations\": [{\"text\": ").object()).isEmpty();
        assertThat(JsonRepair.parse("{not json at all}").object()).isEmpty();
        assertThat(JsonRepair.parse("It is warm today.").problem()).isEqualTo("the answer holds no JSON object");
    }

    @Test
    void escapedQuotesInsideStringsDoNotEndThem() {
        var r = JsonRepair.parse("{\"observations\":[{\"text\":\"say \\\"hi}\\\"\"}]}");
        assertThat(r.object().orElseThrow().at("/observations/0/text").asText()).isEqualTo("say \"hi}\"");
        assertThat(r.repaired()).isFalse();
    }
}
