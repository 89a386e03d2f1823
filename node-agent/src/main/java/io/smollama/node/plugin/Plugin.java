package io.smollama.node.plugin;

import io.smollama.node.config.ConfigSpec;
import java.util.Optional;

/**
 * A unit of hardware or software a node talks to, found with {@link java.util.ServiceLoader} on the
 * class path or in a jar dropped into the plugins directory. The lifecycle is: {@link #availability}
 * (may this plugin run here?) → {@link #start} → {@link #stop}. Implementations of
 * {@link SensorPlugin} and/or {@link ActuatorPlugin} need a public no-argument constructor.
 */
public interface Plugin {

    /** Lower-case name, also the config section {@code plugins.<name>} and the default source type. */
    String name();

    /** One sentence for people: what this plugin reads or drives. */
    String description();

    /**
     * The keys of {@code plugins.<name>} this plugin accepts, besides {@code enabled} which every
     * plugin section has. Validation of the whole config file uses it. None by default.
     */
    default ConfigSpec configSpec() {
        return ConfigSpec.builder().build();
    }

    /**
     * Checks this plugin's section for what its schema cannot say (two pins with one name, say),
     * so that {@code config check} and start-up report it together with every other problem.
     * Called only for an enabled plugin, before {@link #start}; none by default.
     */
    default java.util.List<SettingProblem> validate(io.smollama.node.config.Settings section) {
        return java.util.List.of();
    }

    /** A problem with the setting {@code key} of {@code where} (the section or a list element in it). */
    record SettingProblem(io.smollama.node.config.Settings where, String key, String message) {}

    /** Whether the plugin runs when its section does not say {@code enabled}. */
    default boolean enabledByDefault() {
        return true;
    }

    /** Whether this plugin can run on this machine with this config; the reason is shown when it cannot. */
    default Availability availability(PluginContext context) {
        return Availability.yes();
    }

    /**
     * Opens what the plugin needs (nothing by default). A throw marks the plugin FAILED with the
     * exception's message.
     */
    default void start(PluginContext context) throws Exception {}

    /** Releases what {@link #start} opened. Called once, also after a failed start. */
    default void stop() {}

    /**
     * A sentence about how the plugin runs, shown in its status while it runs (for example that its
     * pins are simulated); empty when there is nothing to add.
     */
    default Optional<String> statusNote() {
        return Optional.empty();
    }

    /** Whether this plugin may run on this machine, and if not, why. */
    record Availability(boolean available, String reason) {
        public static Availability yes() {
            return new Availability(true, "available");
        }

        public static Availability no(String reason) {
            return new Availability(false, reason);
        }
    }
}
