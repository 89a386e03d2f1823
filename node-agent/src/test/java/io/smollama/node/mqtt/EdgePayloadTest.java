package io.smollama.node.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smollama.common.Reading;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EdgePayloadTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private static List<Reading> parse(String node, String json) throws Exception {
        return EdgePayload.parse(node, json.getBytes(StandardCharsets.UTF_8), NOW);
    }

    private static void refused(String json, String reason) {
        assertThatThrownBy(() -> parse("edge-1", json))
                .isInstanceOf(EdgePayload.InvalidPayloadException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void referencePayloadBecomesReadingsOfTheEdgeNodeWithItsNameInTheId() throws Exception {
        List<Reading> readings = parse("edge-1", """
                {"node": "edge-1", "timestamp": 1767268800.5,
                 "readings": [{"source": "system:cpu_temp", "value": 41.5, "unit": "°C", "ts": 1767268800.25},
                              {"source": "dht22_humidity", "value": 55, "unit": "%"}]}""");
        assertThat(readings).hasSize(2);
        Reading cpu = readings.get(0);
        assertThat(cpu.node()).isEqualTo("edge-1");
        assertThat(cpu.source()).isEqualTo("system:edge-1/cpu_temp");
        assertThat(cpu.value()).isEqualTo(41.5);
        assertThat(cpu.unit()).isEqualTo("°C");
        assertThat(cpu.timestamp()).isEqualTo(Instant.parse("2026-01-01T12:00:00.250Z"));
        Reading untyped = readings.get(1);
        assertThat(untyped.source()).isEqualTo("edge:edge-1/dht22_humidity");
        assertThat(untyped.timestamp()).isEqualTo(Instant.parse("2026-01-01T12:00:00.500Z"));
        assertThat(untyped.metadata()).containsEntry("edge_source", "dht22_humidity");
    }

    @Test
    void formattedPayloadParsesBackToTheSameValues() throws Exception {
        Instant t = Instant.parse("2026-01-01T11:59:59.123Z");
        List<Reading> local = List.of(
                Reading.numeric("edge-1", "system", "load", 0.75, null, t, Map.of()),
                Reading.text("edge-1", "gpio", "door", "open", t, Map.of()));
        byte[] payload = EdgePayload.format("edge-1", NOW, local);
        List<Reading> back = EdgePayload.parse("edge-1", payload, NOW);
        assertThat(back).extracting(Reading::source).containsExactly("system:edge-1/load", "gpio:edge-1/door");
        assertThat(back.get(0).value()).isEqualTo(0.75);
        assertThat(back.get(1).text()).isEqualTo("open");
        assertThat(back).allSatisfy(r -> assertThat(r.timestamp()).isEqualTo(t));
    }

    @Test
    void isoTimesWithAndWithoutZoneAreAccepted() throws Exception {
        List<Reading> r = parse("edge-1", """
                {"node":"edge-1","readings":[{"source":"a:x","value":1,"ts":"2026-01-01T10:00:00+01:00"},
                {"source":"a:y","value":1,"ts":"2026-01-01T09:00:00.5"}]}""");
        assertThat(r.get(0).timestamp()).isEqualTo(Instant.parse("2026-01-01T09:00:00Z"));
        assertThat(r.get(1).timestamp()).isEqualTo(Instant.parse("2026-01-01T09:00:00.5Z"));
    }

    @Test
    void badJsonIsRefusedWithItsReason() {
        refused("{\"node\": \"edge-1\", ", "not JSON");
        refused("[1,2]", "expected a JSON object");
    }

    @Test
    void missingFieldsAreRefusedNamingTheField() {
        refused("{\"readings\": []}", "field 'node'");
        refused("{\"node\": \"edge-1\"}", "field 'readings'");
        refused("{\"node\": \"edge-1\", \"readings\": [{\"value\": 1}]}", "readings[0].source");
        refused("{\"node\": \"edge-1\", \"readings\": [{\"source\": \"a:b\"}]}", "readings[0].value");
    }

    @Test
    void nonFiniteValuesAsPythonWritesThemAreRefused() {
        refused("{\"node\":\"edge-1\",\"readings\":[{\"source\":\"a:b\",\"value\":NaN}]}", "finite");
        refused("{\"node\":\"edge-1\",\"readings\":[{\"source\":\"a:b\",\"value\":Infinity}]}", "finite");
    }

    @Test
    void aPayloadNamingAnotherNodeThanItsTopicIsRefused() {
        refused("{\"node\":\"edge-2\",\"readings\":[]}", "topic names 'edge-1'");
    }

    @Test
    void badSourceNamesAndTimesAreRefused() {
        refused("{\"node\":\"edge-1\",\"readings\":[{\"source\":\"BAD TYPE:x\",\"value\":1}]}", "source");
        refused("{\"node\":\"edge-1\",\"readings\":[{\"source\":\"a:b\",\"value\":1,\"ts\":\"yesterday\"}]}", "ts");
        refused("{\"node\":\"edge-1\",\"readings\":[{\"source\":\"a:b\",\"value\":1,\"unit\":5}]}", "unit");
    }

    @Test
    void seededRandomGarbageIsRefusedAndNeverThrowsAnythingElse() {
        java.util.Random random = new java.util.Random(42);
        String alphabet = "{}[]\":,0123456789.eE-+ aNnodereadingsvaluesourcets\\";
        for (int i = 0; i < 5_000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(60);
            for (int j = 0; j < len; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                parse("edge-1", sb.toString());
            } catch (EdgePayload.InvalidPayloadException expected) {
                // refusing is the point
            } catch (Exception e) {
                throw new AssertionError("payload '" + sb + "' threw " + e, e);
            }
        }
    }
}
