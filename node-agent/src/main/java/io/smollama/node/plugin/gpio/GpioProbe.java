package io.smollama.node.plugin.gpio;

import com.pi4j.boardinfo.util.BoardInfoHelper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What this machine offers for GPIO: its gpiochip devices, and whether it is a Raspberry Pi. */
interface GpioProbe {

    List<String> gpioChips();

    boolean raspberryPi();

    /** The real machine: {@code /dev/gpiochip*}, and Pi4J's board detection (asked only when a chip exists). */
    static GpioProbe system() {
        return new GpioProbe() {
            @Override
            public List<String> gpioChips() {
                List<String> chips = new ArrayList<>();
                Path dev = Path.of("/dev");
                if (!Files.isDirectory(dev)) {
                    return chips;
                }
                try (DirectoryStream<Path> stream = Files.newDirectoryStream(dev, "gpiochip*")) {
                    stream.forEach(p -> chips.add(p.toString()));
                } catch (IOException e) {
                    System.getLogger(GpioProbe.class.getName())
                            .log(System.Logger.Level.WARNING, "Could not list /dev for gpiochip devices", e);
                }
                chips.sort(null);
                return chips;
            }

            @Override
            public boolean raspberryPi() {
                return BoardInfoHelper.runningOnRaspberryPi();
            }
        };
    }
}
