package io.smollama.desktop.shots;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesAValidRgbaPngWhosePixelsReadBack() throws Exception {
        int[] px = {0xFFFF0000, 0x8000FF00, 0xFF0000FF, 0x00000000};
        Path f = dir.resolve("x.png");
        PngWriter.write(f, 2, 2, px);
        try (DataInputStream in = new DataInputStream(Files.newInputStream(f))) {
            byte[] sig = in.readNBytes(8);
            assertThat(sig).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
            assertThat(in.readInt()).isEqualTo(13);
            assertThat(new String(in.readNBytes(4), "US-ASCII")).isEqualTo("IHDR");
            assertThat(in.readInt()).isEqualTo(2);
            assertThat(in.readInt()).isEqualTo(2);
            assertThat(in.readNBytes(5)).containsExactly(8, 6, 0, 0, 0);
            in.readInt(); // crc
            int len = in.readInt();
            assertThat(new String(in.readNBytes(4), "US-ASCII")).isEqualTo("IDAT");
            byte[] data = in.readNBytes(len);
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            new InflaterInputStream(new java.io.ByteArrayInputStream(data)).transferTo(raw);
            assertThat(raw.toByteArray())
                    .containsExactly(0, 255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 0, 255, 255, 0, 0, 0, 0);
        }
    }
}
