package io.smollama.node.plugin.gpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smollama.node.plugin.ActionOutcome;
import io.smollama.node.plugin.ActionSpec;
import io.smollama.node.plugin.PluginContext;
import io.smollama.node.plugin.Sample;
import io.smollama.node.plugin.SourceSpec;
import io.smollama.node.testsupport.PluginConfigs;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpioPluginTest {

    private static final GpioProbe NO_GPIO = probe(List.of(), false);
    private static final List<Map<String, Object>> PINS = List.of(
            Map.of("pin", 17, "name", "led", "mode", "output"),
            Map.of("pin", 27, "name", "door", "pull", "up", "interval", "250ms"));

    @TempDir
    Path data;

    private GpioPlugin plugin;

    @AfterEach
    void stop() {
        if (plugin != null) plugin.stop();
    }

    private static GpioProbe probe(List<String> chips, boolean pi) {
        return new GpioProbe() {
            @Override
            public List<String> gpioChips() {
                return chips;
            }

            @Override
            public boolean raspberryPi() {
                return pi;
            }
        };
    }

    private PluginContext context(GpioPlugin p, Map<String, ?> values) {
        return new PluginContext("n", PluginConfigs.section(p, values), Clock.systemUTC(), data);
    }

    private GpioPlugin started(GpioProbe probe, Map<String, ?> values) {
        plugin = new GpioPlugin(probe);
        plugin.start(context(plugin, values));
        return plugin;
    }

    private static double value(Sample sample) {
        return ((Sample.Numeric) sample).value();
    }

    @Test
    void setOnAnOutputChangesTheLevelItsSourceReads() {
        GpioPlugin gpio = started(NO_GPIO, Map.of("pins", PINS));
        assertThat(value(gpio.sample("led"))).isZero();

        ActionOutcome outcome = gpio.act("led.set", Map.of("state", true));

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.message()).isEqualTo("led (BCM 17) is now high (simulated pin, mock provider)");
        assertThat(outcome.state()).containsEntry("state", true).containsEntry("pin", 17);
        assertThat(value(gpio.sample("led"))).isEqualTo(1);
    }

    @Test
    void toggleFlipsAnOutputAndPulseReturnsItToWhereItWas() {
        GpioPlugin gpio = started(NO_GPIO, Map.of("pins", PINS));

        assertThat(gpio.act("led.toggle", Map.of()).state()).containsEntry("state", true);
        ActionOutcome pulse = gpio.act("led.pulse", Map.of("millis", 50L));

        assertThat(pulse.ok()).isTrue();
        assertThat(pulse.message()).startsWith("pulsing led (BCM 17) low for 50 ms; it returns high by itself");
        assertThat(pulse.state()).containsEntry("state", false);
        assertThat(value(gpio.sample("led"))).isZero();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (value(gpio.sample("led")) != 1 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(value(gpio.sample("led"))).isEqualTo(1);
    }

    @Test
    void aPulseDoesNotHoldThePluginAndStopEndsIt() {
        GpioPlugin gpio = started(NO_GPIO, Map.of("pins", PINS));
        long before = System.nanoTime();

        gpio.act("led.pulse", Map.of("millis", 10_000L));

        assertThat(System.nanoTime() - before).isLessThan(2_000_000_000L);
        assertThat(value(gpio.sample("door"))).isEqualTo(1); // inputs still answer mid-pulse
        assertThat(value(gpio.sample("led"))).isEqualTo(1);
        var board = Objects.requireNonNull(gpio.board());
        gpio.stop();
        assertThat(board.isHigh("led")).isFalse(); // back to where it was before the pulse
    }

    @Test
    void anExplicitSetWinsOverARunningPulse() throws Exception {
        GpioPlugin gpio = started(NO_GPIO, Map.of("pins", PINS));
        gpio.act("led.pulse", Map.of("millis", 100L));
        gpio.act("led.set", Map.of("state", true));
        Thread.sleep(300);
        assertThat(value(gpio.sample("led"))).isEqualTo(1);
    }

    @Test
    void inputsReadTheirLevelAndAPullUpInputStartsHigh() {
        GpioPlugin gpio = started(NO_GPIO, Map.of("pins", PINS));
        assertThat(value(gpio.sample("door"))).isEqualTo(1);

        Objects.requireNonNull(gpio.board()).simulateInput("door", false);

        assertThat(value(gpio.sample("door"))).isZero();
    }

    @Test
    void withoutGpioHardwareEveryReadingAndTheStatusSayThePinsAreSimulated() {
        GpioPlugin gpio = started(NO_GPIO, Map.of("pins", PINS));

        assertThat(((Sample.Numeric) gpio.sample("door")).metadata())
                .containsEntry("provider", "mock")
                .containsEntry("simulated", "true");
        assertThat(gpio.sources())
                .extracting(SourceSpec::metadata)
                .allSatisfy(m -> assertThat(m).containsEntry("provider", "mock").containsEntry("simulated", "true"));
        assertThat(gpio.statusNote())
                .hasValueSatisfying(
                        n -> assertThat(n)
                                .isEqualTo(
                                        "pins are simulated: this machine has no /dev/gpiochip* device; readings carry simulated=true"));
    }

    @Test
    void onAMachineThatIsNotAPiThePinsAreSimulated() {
        GpioPlugin gpio = started(probe(List.of("/dev/gpiochip0"), false), Map.of("pins", PINS));

        assertThat(gpio.statusNote()).hasValueSatisfying(n -> assertThat(n).contains("not a Raspberry Pi"));
    }

    @Test
    void autoFallsBackToSimulatedPinsWhenGpiodCannotOpenThem() {
        GpioPlugin gpio = started(probe(List.of("/dev/gpiochip-fake"), true), Map.of("pins", PINS));

        assertThat(gpio.statusNote()).hasValueSatisfying(n -> assertThat(n)
                .startsWith("pins are simulated because gpiod failed: gpiod could not open led (BCM 17)"));
        assertThat(((Sample.Numeric) gpio.sample("led")).metadata()).containsEntry("provider", "mock");
    }

    @Test
    void explicitGpiodOnAMachineWithoutGpioFailsToStartWithAClearMessage() {
        plugin = new GpioPlugin(NO_GPIO);
        PluginContext context = context(plugin, Map.of("provider", "gpiod", "pins", PINS));

        assertThatThrownBy(() -> plugin.start(context))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("provider gpiod is configured but this machine has no /dev/gpiochip* device");
    }

    @Test
    void outputsOfferSetTogglePulseAndInputsOfferNoActions() {
        GpioPlugin gpio = started(NO_GPIO, Map.of("pins", PINS));

        assertThat(gpio.actions()).extracting(ActionSpec::id).containsExactly("led.set", "led.toggle", "led.pulse");
        assertThat(gpio.sources()).extracting(SourceSpec::source).containsExactly("gpio:led", "gpio:door");
        assertThat(gpio.sources().get(1).interval()).hasMillis(250);
        assertThat(gpio.act("door.set", Map.of("state", true)).ok()).isFalse();
    }

    @Test
    void withNoPinsConfiguredThePluginIsUnavailable() {
        plugin = new GpioPlugin(NO_GPIO);

        assertThat(plugin.availability(context(plugin, Map.of())).reason())
                .isEqualTo("no pins configured under plugins.gpio.pins");
    }

    @Test
    void duplicatePinNamesAreRejectedNamingBothEntries() {
        plugin = new GpioPlugin(NO_GPIO);
        PluginContext context = context(
                plugin, Map.of("pins", List.of(Map.of("pin", 17, "name", "door"), Map.of("pin", 18, "name", "door"))));

        assertThatThrownBy(() -> plugin.start(context))
                .hasMessage("plugins.gpio.pins[1].name: 'door' is already used by plugins.gpio.pins[0]");
    }

    @Test
    void duplicatePinNumbersAreRejected() {
        plugin = new GpioPlugin(NO_GPIO);
        PluginContext context =
                context(plugin, Map.of("pins", List.of(Map.of("pin", 17), Map.of("pin", 17, "name", "x"))));

        assertThatThrownBy(() -> plugin.start(context))
                .hasMessage("plugins.gpio.pins[1].pin: BCM 17 is already used by plugins.gpio.pins[0]");
    }

    @Test
    void aPinEntryWithoutANumberIsRejected() {
        plugin = new GpioPlugin(NO_GPIO);
        PluginContext context = context(plugin, Map.of("pins", List.of(Map.of("name", "door"))));

        assertThatThrownBy(() -> plugin.start(context))
                .hasMessage("plugins.gpio.pins[0].pin: required: expected a BCM GPIO number from 0 to 27");
    }

    @Test
    void pinNamesMustBeUsableAsSourceIds() {
        plugin = new GpioPlugin(NO_GPIO);
        PluginContext context = context(plugin, Map.of("pins", List.of(Map.of("pin", 4, "name", "Front Door"))));

        assertThatThrownBy(() -> plugin.start(context))
                .hasMessageStartingWith("plugins.gpio.pins[0].name: expected lower-case letters, digits, _ or -");
    }

    @Test
    void pinNumbersOutsideTheHeaderAreRejectedByTheSchema() {
        plugin = new GpioPlugin(NO_GPIO);

        assertThatThrownBy(() -> context(plugin, Map.of("pins", List.of(Map.of("pin", 40)))))
                .hasMessageContaining("expected an integer from 0 to 27");
    }

    @Test
    void unnamedPinsAreNamedAfterTheirNumber() {
        GpioPlugin gpio = started(NO_GPIO, Map.of("pins", List.of(Map.of("pin", 5))));

        assertThat(gpio.sources()).extracting(SourceSpec::id).containsExactly("pin5");
    }
}
