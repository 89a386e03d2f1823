package io.smollama.node.plugin.gpio;

import io.smollama.node.config.ConfigSpec;
import io.smollama.node.plugin.ActionOutcome;
import io.smollama.node.plugin.ActionSpec;
import io.smollama.node.plugin.ActuatorPlugin;
import io.smollama.node.plugin.ParamSpec;
import io.smollama.node.plugin.PluginContext;
import io.smollama.node.plugin.Sample;
import io.smollama.node.plugin.SensorPlugin;
import io.smollama.node.plugin.SourceSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Configured GPIO pins (BCM numbering): every pin is a source reading 0 or 1, and every output pin
 * offers the actions {@code <name>.set}, {@code <name>.toggle} and {@code <name>.pulse}. Where
 * the machine has no GPIO it runs on Pi4J's mock provider and says so in its status and in every
 * reading ({@code provider=mock}, {@code simulated=true}).
 */
public final class GpioPlugin implements SensorPlugin, ActuatorPlugin {

    private static final System.Logger LOG = System.getLogger(GpioPlugin.class.getName());
    private static final String TYPE = "gpio";
    private static final long MAX_PULSE_MILLIS = 10_000;

    /** Guards the outputs: actions, the end of pulses and stop. */
    private final Object outputs = new Object();

    private final Map<String, Pulse> pulses = new java.util.HashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gpio-pulse");
        t.setDaemon(true);
        return t;
    });

    private final GpioProbe probe;
    private final Map<String, PinConfig> pins = new LinkedHashMap<>();
    private @Nullable GpioBoard board;
    private Map<String, String> metadata = Map.of();
    private String note = "";

    public GpioPlugin() {
        this(GpioProbe.system());
    }

    GpioPlugin(GpioProbe probe) {
        this.probe = probe;
    }

    @Override
    public String name() {
        return TYPE;
    }

    @Override
    public String description() {
        return "Reads and drives the Raspberry Pi's GPIO pins listed in the config.";
    }

    @Override
    public ConfigSpec configSpec() {
        ConfigSpec pin = ConfigSpec.builder()
                .integer(
                        "pin",
                        PinConfig.MIN_BCM,
                        PinConfig.MIN_BCM,
                        PinConfig.MAX_BCM,
                        "BCM GPIO number from 0 to 27 (required)")
                .string("name", null, "Source and action name, e.g. door; defaults to pin<number>")
                .enumeration("mode", "input", List.of("input", "output"), Map.of(), "input (read) or output (driven)")
                .enumeration("pull", "none", List.of("up", "down", "none"), Map.of(), "Pull resistor of an input")
                .bool("initial", false, "Level of an output at start: true for high, false for low")
                .duration(
                        "interval",
                        Duration.ofSeconds(1),
                        Duration.ofMillis(50),
                        Duration.ofHours(1),
                        "How often the pin is read")
                .build();
        return ConfigSpec.builder()
                .enumeration(
                        "provider",
                        "auto",
                        List.of("auto", "mock", "gpiod"),
                        Map.of(),
                        "auto (gpiod on a Raspberry Pi with /dev/gpiochip*, otherwise simulated pins), mock or gpiod")
                .objects("pins", pin, "The pins to use, e.g. [{pin: 17, name: door, mode: input, pull: up}]")
                .build();
    }

    @Override
    public List<SettingProblem> validate(io.smollama.node.config.Settings section) {
        List<SettingProblem> problems = new ArrayList<>();
        PinConfig.parse(section, problems);
        return problems;
    }

    @Override
    public Availability availability(PluginContext context) {
        return context.settings().list("pins").isEmpty()
                ? Availability.no(
                        "no pins configured under " + context.settings().path() + ".pins")
                : Availability.yes();
    }

    @Override
    public void start(PluginContext context) {
        List<PinConfig> configs = PinConfig.parse(context.settings());
        String provider = context.settings().string("provider");
        GpioBoard opened =
                switch (provider) {
                    case "mock" -> mock(configs, "pins are simulated (provider: mock in config)");
                    case "gpiod" -> gpiod(configs);
                    default -> auto(configs);
                };
        configs.forEach(p -> pins.put(p.name(), p));
        boolean simulated = opened.provider() == GpioBoard.Provider.MOCK;
        metadata = Map.of("provider", simulated ? "mock" : "gpiod", "simulated", Boolean.toString(simulated));
        board = opened;
    }

    private GpioBoard auto(List<PinConfig> configs) {
        List<String> chips = probe.gpioChips();
        if (chips.isEmpty()) {
            return mock(configs, "pins are simulated: this machine has no /dev/gpiochip* device");
        }
        if (!probe.raspberryPi()) {
            return mock(configs, "pins are simulated: this machine is not a Raspberry Pi");
        }
        try {
            GpioBoard real = GpioBoard.open(GpioBoard.Provider.GPIOD, configs);
            note = "pins on gpiod (" + String.join(", ", chips) + ")";
            return real;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "gpiod failed; GPIO pins fall back to simulated ones", e);
            return mock(configs, "pins are simulated because gpiod failed: " + e.getMessage());
        }
    }

    private GpioBoard gpiod(List<PinConfig> configs) {
        List<String> chips = probe.gpioChips();
        if (chips.isEmpty()) {
            throw new IllegalStateException(
                    "provider gpiod is configured but this machine has no /dev/gpiochip* device");
        }
        GpioBoard real = GpioBoard.open(GpioBoard.Provider.GPIOD, configs);
        note = "pins on gpiod (" + String.join(", ", chips) + ")";
        return real;
    }

    private GpioBoard mock(List<PinConfig> configs, String why) {
        note = why + "; readings carry simulated=true";
        return GpioBoard.open(GpioBoard.Provider.MOCK, configs);
    }

    @Override
    public Optional<String> statusNote() {
        return note.isEmpty() ? Optional.empty() : Optional.of(note);
    }

    @Override
    public List<SourceSpec> sources() {
        List<SourceSpec> sources = new ArrayList<>();
        for (PinConfig pin : pins.values()) {
            Map<String, String> meta = new LinkedHashMap<>(metadata);
            meta.put("pin", Integer.toString(pin.bcm()));
            meta.put("mode", pin.mode().name().toLowerCase(java.util.Locale.ROOT));
            String what = pin.output() ? "Output " : "Input ";
            sources.add(new SourceSpec(
                    TYPE,
                    pin.name(),
                    null,
                    true,
                    pin.interval(),
                    what + pin.label() + ": 1 when high, 0 when low",
                    meta));
        }
        return sources;
    }

    @Override
    public Sample sample(String sourceId) {
        GpioBoard b = board;
        if (b == null || !pins.containsKey(sourceId)) {
            return Sample.failure("the gpio plugin has no pin named '" + sourceId + "'");
        }
        try {
            return new Sample.Numeric(b.isHigh(sourceId) ? 1 : 0, metadata);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Reading gpio:" + sourceId + " failed", e);
            return Sample.failure("could not read " + pins.get(sourceId).label() + ": " + e.getMessage());
        }
    }

    @Override
    public List<ActionSpec> actions() {
        List<ActionSpec> actions = new ArrayList<>();
        for (PinConfig pin : pins.values()) {
            if (!pin.output()) continue;
            actions.add(new ActionSpec(
                    pin.name() + ".set",
                    "Sets output " + pin.label() + " high (state true) or low (state false).",
                    List.of(ParamSpec.bool("state", "true for high (on), false for low (off)"))));
            actions.add(new ActionSpec(
                    pin.name() + ".toggle", "Switches output " + pin.label() + " to the opposite level.", List.of()));
            actions.add(new ActionSpec(
                    pin.name() + ".pulse",
                    "Switches output " + pin.label()
                            + " to the opposite level for a number of milliseconds, then back.",
                    List.of(ParamSpec.integer(
                            "millis", "How long the pulse lasts, in milliseconds", 1, MAX_PULSE_MILLIS))));
        }
        return actions;
    }

    @Override
    public ActionOutcome act(String action, Map<String, Object> params) {
        synchronized (outputs) {
            return actLocked(action, params);
        }
    }

    private ActionOutcome actLocked(String action, Map<String, Object> params) {
        GpioBoard b = board;
        int dot = action.lastIndexOf('.');
        PinConfig pin = dot < 0 ? null : pins.get(action.substring(0, dot));
        if (b == null || pin == null || !pin.output()) {
            return ActionOutcome.failed("the gpio plugin has no action '" + action + "'");
        }
        try {
            return switch (action.substring(dot + 1)) {
                case "set" -> set(b, pin, (Boolean) params.get("state"));
                case "toggle" -> set(b, pin, !b.isHigh(pin.name()));
                case "pulse" -> pulse(b, pin, (Long) params.get("millis"));
                default -> ActionOutcome.failed("the gpio plugin has no action '" + action + "'");
            };
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "GPIO action " + action + " failed", e);
            return ActionOutcome.failed("could not drive " + pin.label() + ": " + e.getMessage());
        }
    }

    private ActionOutcome set(GpioBoard b, PinConfig pin, boolean high) {
        cancelPulse(pin); // an explicit set wins over a pulse still running on the pin
        b.set(pin.name(), high);
        return ActionOutcome.ok(pin.label() + " is now " + (high ? "high" : "low") + suffix(), state(b, pin));
    }

    /**
     * Flips the pin now and flips it back after {@code millis} on the plugin's timer, without holding
     * the plugin meanwhile: its inputs keep being read and its other pins keep answering.
     */
    private ActionOutcome pulse(GpioBoard b, PinConfig pin, long millis) {
        Pulse running = pulses.get(pin.name());
        boolean before = running != null ? running.restoreTo() : b.isHigh(pin.name());
        cancelPulse(pin);
        b.set(pin.name(), !before);
        Pulse pulse = new Pulse(before, null);
        pulses.put(pin.name(), pulse);
        pulse.end = timer.schedule(() -> endPulse(pin, pulse), millis, TimeUnit.MILLISECONDS);
        return ActionOutcome.ok(
                "pulsing " + pin.label() + " " + (before ? "low" : "high") + " for " + millis + " ms; it returns "
                        + (before ? "high" : "low") + " by itself" + suffix(),
                state(b, pin));
    }

    private void endPulse(PinConfig pin, Pulse pulse) {
        synchronized (outputs) {
            GpioBoard b = board;
            if (b != null && pulses.remove(pin.name(), pulse)) {
                try {
                    b.set(pin.name(), pulse.restoreTo());
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "ending the pulse on " + pin.label() + " failed", e);
                }
            }
        }
    }

    private void cancelPulse(PinConfig pin) {
        Pulse running = pulses.remove(pin.name());
        if (running != null && running.end != null) {
            running.end.cancel(false);
        }
    }

    /** A pulse in progress: the level to go back to, and the timer task that does it. */
    private static final class Pulse {
        private final boolean restoreTo;
        volatile @Nullable ScheduledFuture<?> end;

        Pulse(boolean restoreTo, @Nullable ScheduledFuture<?> end) {
            this.restoreTo = restoreTo;
            this.end = end;
        }

        boolean restoreTo() {
            return restoreTo;
        }
    }

    private Map<String, Object> state(GpioBoard b, PinConfig pin) {
        return Map.of(
                "state", b.isHigh(pin.name()), "pin", pin.bcm(), "simulated", b.provider() == GpioBoard.Provider.MOCK);
    }

    private String suffix() {
        GpioBoard b = board;
        return b != null && b.provider() == GpioBoard.Provider.MOCK ? " (simulated pin, mock provider)" : "";
    }

    @Override
    public void stop() {
        synchronized (outputs) {
            GpioBoard b = board;
            // pulses still running end now, so no output is left in a state nobody chose
            for (var e : pulses.entrySet()) {
                if (e.getValue().end != null) {
                    e.getValue().end.cancel(false);
                }
                if (b != null) {
                    try {
                        b.set(e.getKey(), e.getValue().restoreTo());
                    } catch (RuntimeException ex) {
                        LOG.log(
                                System.Logger.Level.WARNING,
                                "ending the pulse on " + e.getKey() + " at stop failed",
                                ex);
                    }
                }
            }
            pulses.clear();
            board = null;
            if (b != null) {
                b.close();
            }
        }
        timer.shutdownNow();
    }

    /** The open board, for tests that drive simulated inputs. */
    @Nullable
    GpioBoard board() {
        return board;
    }
}
