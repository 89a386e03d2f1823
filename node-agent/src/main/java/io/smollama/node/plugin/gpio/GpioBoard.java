package io.smollama.node.plugin.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.Digital;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configured pins, opened through one Pi4J context on one provider (gpiod or mock). Owns the
 * context: {@link #close} shuts it down, which drives outputs low. On the mock provider an input
 * starts at the level its pull resistor gives an open contact.
 */
final class GpioBoard implements AutoCloseable {

    enum Provider {
        MOCK,
        GPIOD
    }

    private final Provider provider;
    private final Context pi4j;
    private final Map<String, Digital<?, ?, ?>> pins = new LinkedHashMap<>();

    private GpioBoard(Provider provider, Context pi4j) {
        this.provider = provider;
        this.pi4j = pi4j;
    }

    /**
     * Pi4J identifies the board whenever a context is built and logs ERRORs when the machine is no
     * Pi. With the mock provider that is expected, not an error: its board detection stays quiet.
     * (Held here so the level is not lost when java.util.logging drops an unreferenced logger.)
     */
    private static final java.util.logging.Logger BOARD_DETECTION =
            java.util.logging.Logger.getLogger("com.pi4j.boardinfo");

    /** Opens every pin; on failure closes what was opened and throws a message naming the pin. */
    static GpioBoard open(Provider provider, List<PinConfig> configs) {
        if (provider == Provider.MOCK) {
            BOARD_DETECTION.setLevel(java.util.logging.Level.OFF);
        }
        Context context =
                switch (provider) {
                    case MOCK ->
                        Pi4J.newContextBuilder()
                                .noAutoDetect()
                                .disableShutdownHook()
                                .add(new MockPlatform())
                                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
                                .build();
                    case GPIOD ->
                        Pi4J.newContextBuilder()
                                .noAutoDetect()
                                .disableShutdownHook()
                                .add(GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance())
                                .build();
                };
        GpioBoard board = new GpioBoard(provider, context);
        try {
            configs.forEach(board::openPin);
            return board;
        } catch (RuntimeException e) {
            board.close();
            throw e;
        }
    }

    private void openPin(PinConfig pin) {
        String id = "smollama-" + pin.name();
        try {
            if (pin.output()) {
                DigitalState initial = pin.initial() ? DigitalState.HIGH : DigitalState.LOW;
                pins.put(
                        pin.name(),
                        pi4j.create(DigitalOutput.newConfigBuilder(pi4j)
                                .id(id)
                                .name(pin.name())
                                .address(pin.bcm())
                                .initial(initial)
                                .shutdown(DigitalState.LOW)));
            } else {
                DigitalInput input = pi4j.create(DigitalInput.newConfigBuilder(pi4j)
                        .id(id)
                        .name(pin.name())
                        .address(pin.bcm())
                        .pull(pull(pin.pull())));
                if (input instanceof MockDigitalInput mock && pin.pull() == PinConfig.Pull.UP) {
                    mock.mockState(DigitalState.HIGH);
                }
                pins.put(pin.name(), input);
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    provider.name().toLowerCase(java.util.Locale.ROOT) + " could not open " + pin.label() + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private static PullResistance pull(PinConfig.Pull pull) {
        return switch (pull) {
            case UP -> PullResistance.PULL_UP;
            case DOWN -> PullResistance.PULL_DOWN;
            case NONE -> PullResistance.OFF;
        };
    }

    Provider provider() {
        return provider;
    }

    boolean isHigh(String name) {
        return pin(name).isHigh();
    }

    void set(String name, boolean high) {
        if (!(pin(name) instanceof DigitalOutput output)) {
            throw new IllegalArgumentException(name + " is not an output pin");
        }
        output.state(high ? DigitalState.HIGH : DigitalState.LOW);
    }

    /** Drives a simulated input, for tests and demos on the mock provider. */
    void simulateInput(String name, boolean high) {
        if (!(pin(name) instanceof MockDigitalInput mock)) {
            throw new IllegalStateException(name + " is not a simulated input pin");
        }
        mock.mockState(high ? DigitalState.HIGH : DigitalState.LOW);
    }

    private Digital<?, ?, ?> pin(String name) {
        Digital<?, ?, ?> pin = pins.get(name);
        if (pin == null) {
            throw new IllegalArgumentException("no pin named '" + name + "'");
        }
        return pin;
    }

    @Override
    public void close() {
        pi4j.shutdown();
    }
}
