package io.smollama.desktop.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeriesKeyTest {

    @Test
    void aKeyNamesTheNodeAndTheSourceAndParsesBack() {
        SeriesKey k = SeriesKey.parse(SeriesKey.of("pi-1", "system:cpu_temp"));
        assertThat(k).isEqualTo(new SeriesKey("pi-1", "system:cpu_temp"));
        assertThat(k.label()).isEqualTo("pi-1 · system:cpu_temp");
        assertThatThrownBy(() -> SeriesKey.parse("nobar")).hasMessageContaining("node|type:id");
    }
}
