package io.smollama.node.plugin.gpio;

import io.smollama.node.config.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One configured pin, checked: a BCM number on the 40-pin header, a name usable as a source and
 * action id, input or output, the pull resistor of an input, the initial level of an output, and
 * how often it is read. Names and pin numbers are unique across the list.
 */
record PinConfig(String name, int bcm, Mode mode, Pull pull, boolean initial, Duration interval) {

    static final int MIN_BCM = 0;
    static final int MAX_BCM = 27;

    private static final Pattern NAME = Pattern.compile("[a-z0-9_][a-z0-9_-]{0,31}");

    enum Mode {
        INPUT,
        OUTPUT
    }

    enum Pull {
        UP,
        DOWN,
        NONE
    }

    boolean output() {
        return mode == Mode.OUTPUT;
    }

    String label() {
        return name + " (BCM " + bcm + ")";
    }

    /** Reads and checks {@code pins}; throws {@link IllegalArgumentException} naming the first bad entry. */
    static List<PinConfig> parse(Settings section) {
        List<PinConfig> pins = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<Integer, String> numbers = new HashMap<>();
        List<Settings> entries = section.list("pins");
        for (int i = 0; i < entries.size(); i++) {
            Settings entry = entries.get(i);
            String where = entry.path().isEmpty() ? section.path() + ".pins[" + i + "]" : entry.path();
            if (!entry.isSet("pin")) {
                throw new IllegalArgumentException(
                        where + ".pin is required: a BCM GPIO number from " + MIN_BCM + " to " + MAX_BCM);
            }
            long bcm = entry.integer("pin");
            if (bcm < MIN_BCM || bcm > MAX_BCM) {
                throw new IllegalArgumentException(
                        where + ".pin: expected a BCM GPIO number from " + MIN_BCM + " to " + MAX_BCM + ", got " + bcm);
            }
            String name = entry.optionalString("name").orElse("pin" + bcm);
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(where + ".name: expected lower-case letters, digits, _ or -"
                        + " (at most 32), got '" + name + "'");
            }
            String sameName = names.putIfAbsent(name, where);
            if (sameName != null) {
                throw new IllegalArgumentException(where + ".name: '" + name + "' is already used by " + sameName);
            }
            String samePin = numbers.putIfAbsent((int) bcm, where);
            if (samePin != null) {
                throw new IllegalArgumentException(where + ".pin: BCM " + bcm + " is already used by " + samePin);
            }
            pins.add(new PinConfig(
                    name,
                    (int) bcm,
                    Mode.valueOf(entry.string("mode").toUpperCase(java.util.Locale.ROOT)),
                    Pull.valueOf(entry.string("pull").toUpperCase(java.util.Locale.ROOT)),
                    entry.bool("initial"),
                    entry.duration("interval")));
        }
        return List.copyOf(pins);
    }
}
