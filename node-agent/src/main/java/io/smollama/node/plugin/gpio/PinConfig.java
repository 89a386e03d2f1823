package io.smollama.node.plugin.gpio;

import io.smollama.node.config.Settings;
import io.smollama.node.plugin.Plugin;
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

    /** Reads and checks {@code pins}; throws {@link IllegalArgumentException} listing every bad entry. */
    static List<PinConfig> parse(Settings section) {
        List<Plugin.SettingProblem> problems = new ArrayList<>();
        List<PinConfig> pins = parse(section, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join(
                    "; ",
                    problems.stream()
                            .map(p -> qualified(p.where(), p.key()) + ": " + p.message())
                            .toList()));
        }
        return pins;
    }

    /** Reads {@code pins}, adding a problem for each bad entry (so that all are reported at once). */
    static List<PinConfig> parse(Settings section, List<Plugin.SettingProblem> problems) {
        List<PinConfig> pins = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<Integer, String> numbers = new HashMap<>();
        List<Settings> entries = section.list("pins");
        for (int i = 0; i < entries.size(); i++) {
            Settings entry = entries.get(i);
            String where = entry.path().isEmpty() ? section.path() + ".pins[" + i + "]" : entry.path();
            if (!entry.isSet("pin")) {
                problems.add(new Plugin.SettingProblem(
                        entry, "pin", "required: expected a BCM GPIO number from " + MIN_BCM + " to " + MAX_BCM));
                continue;
            }
            long bcm = entry.integer("pin");
            if (bcm < MIN_BCM || bcm > MAX_BCM) {
                problems.add(new Plugin.SettingProblem(
                        entry,
                        "pin",
                        "expected a BCM GPIO number from " + MIN_BCM + " to " + MAX_BCM + ", got " + bcm));
                continue;
            }
            String name = entry.optionalString("name").orElse("pin" + bcm);
            if (!NAME.matcher(name).matches()) {
                problems.add(new Plugin.SettingProblem(
                        entry, "name", "expected lower-case letters, digits, _ or - (at most 32), got '" + name + "'"));
                continue;
            }
            String sameName = names.putIfAbsent(name, where);
            if (sameName != null) {
                problems.add(new Plugin.SettingProblem(entry, "name", "'" + name + "' is already used by " + sameName));
                continue;
            }
            String samePin = numbers.putIfAbsent((int) bcm, where);
            if (samePin != null) {
                problems.add(new Plugin.SettingProblem(entry, "pin", "BCM " + bcm + " is already used by " + samePin));
                continue;
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

    private static String qualified(Settings where, String key) {
        return where.path().isEmpty() ? key : where.path() + "." + key;
    }
}
