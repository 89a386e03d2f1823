package io.smollama.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:15:30.123Z");

    @Test
    void aReadingRoundTripsWithItsFullSourceAndAnIsoInstantToTheMillisecond() throws Exception {
        Reading r = Reading.numeric("pi-1", "system", "cpu_temp", 48.5, "°C", AT, Map.of("core", "0"));

        String json = Json.mapper().writeValueAsString(r);
        JsonNode tree = Json.mapper().readTree(json);

        assertThat(tree.path("source").asText()).isEqualTo("system:cpu_temp");
        assertThat(tree.path("timestamp").isTextual()).isTrue();
        assertThat(tree.path("timestamp").asText()).isEqualTo("2026-03-01T10:15:30.123Z");
        assertThat(tree.has("numeric"))
                .as("isNumeric() is not part of the wire format")
                .isFalse();
        assertThat(Json.mapper().readValue(json, Reading.class)).isEqualTo(r);
    }

    @Test
    void aTextReadingRoundTripsWithAnExplicitNullValue() throws Exception {
        Reading r = Reading.text("pi-1", "camera", "door", "open", AT, Map.of());

        String json = Json.mapper().writeValueAsString(r);

        assertThat(Json.mapper().readTree(json).path("value").isNull()).isTrue();
        assertThat(Json.mapper().readValue(json, Reading.class)).isEqualTo(r);
    }

    @Test
    void aReadingEventIsTypeNodeAndData() throws Exception {
        Reading r = Reading.numeric("pi-1", "system", "cpu_temp", 48.5, "°C", AT, Map.of());

        JsonNode tree = Json.mapper().valueToTree(new NodeEvent.ReadingEvent("pi-1", r));

        assertThat(tree.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("type", "node", "data");
        assertThat(tree.path("type").asText()).isEqualTo("reading");
        assertThat(tree.path("node").asText()).isEqualTo("pi-1");
        assertThat(tree.path("data").path("source").asText()).isEqualTo("system:cpu_temp");
        assertThat(Json.mapper().treeToValue(tree.path("data"), Reading.class)).isEqualTo(r);
    }

    @Test
    void aNodeStatusEventHasTypeNode() {
        Health h = new Health("ok", "pi-1", "hub", "0.1.0", AT, 5, Map.of(), Map.of(), Map.of());

        JsonNode tree = Json.mapper().valueToTree(new NodeEvent.NodeStatusEvent("pi-1", h));

        assertThat(tree.path("type").asText()).isEqualTo("node");
        assertThat(tree.path("data").path("status").asText()).isEqualTo("ok");
    }

    @Test
    void unknownPropertiesFromANewerNodeAreIgnored() throws Exception {
        String json = """
                {"node":"pi-1","sourceType":"system","sourceId":"cpu_temp","source":"system:cpu_temp",
                 "value":48.5,"text":null,"unit":"°C","timestamp":"2026-03-01T10:15:30.123Z","metadata":{},
                 "quality":"good","calibration":{"offset":0.5,"history":[1,2,3]}}
                """;

        Reading r = Json.mapper().readValue(json, Reading.class);

        assertThat(r).isEqualTo(Reading.numeric("pi-1", "system", "cpu_temp", 48.5, "°C", AT, Map.of()));
    }

    @Test
    void aSourceIntervalIsAnIsoDurationString() throws Exception {
        SourceInfo s = new SourceInfo(
                "system:cpu_temp", "system", "sensor", "°C", "CPU temperature", Duration.ofSeconds(5), Map.of(), null);

        String json = Json.mapper().writeValueAsString(s);

        assertThat(Json.mapper().readTree(json).path("interval").asText()).isEqualTo("PT5S");
        assertThat(Json.mapper().readValue(json, SourceInfo.class)).isEqualTo(s);
    }
}
