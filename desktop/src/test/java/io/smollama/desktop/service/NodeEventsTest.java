package io.smollama.desktop.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.common.Json;
import io.smollama.common.NodeEvent;
import io.smollama.common.Reading;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeEventsTest {

    @Test
    void readsAReadingEventAsTheNodeWritesIt() throws Exception {
        Reading r = Reading.numeric(
                "pi-1", "simulated", "temperature", 21.5, "°C", Instant.parse("2026-01-01T00:00:00Z"), Map.of());
        String frame = Json.mapper().writeValueAsString(new NodeEvent.ReadingEvent("pi-1", r));
        assertThat(NodeEvents.parse(frame)).contains(new NodeEvent.ReadingEvent("pi-1", r));
    }

    @Test
    void ignoresUnknownKindsAndMalformedFrames() {
        assertThat(NodeEvents.parse("{\"type\":\"future\",\"node\":\"a\",\"data\":{}}"))
                .isEmpty();
        assertThat(NodeEvents.parse("not json")).isEmpty();
        assertThat(NodeEvents.parse("{\"type\":\"reading\",\"node\":\"a\",\"data\":{\"sourceType\":\"BAD TYPE\"}}"))
                .isEmpty();
    }
}
