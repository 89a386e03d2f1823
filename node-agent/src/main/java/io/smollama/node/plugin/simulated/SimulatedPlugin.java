package io.smollama.node.plugin.simulated;

import io.smollama.node.config.ConfigSpec;
import io.smollama.node.plugin.PluginContext;
import io.smollama.node.plugin.Sample;
import io.smollama.node.plugin.SensorPlugin;
import io.smollama.node.plugin.SourceSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Demo sensors of a simulated room (see {@link Room}) so a node without hardware still has
 * something to observe. Values are reproducible: the same seed and clock give the same readings.
 * Every source and reading is marked {@code simulated=true}. Disabled unless the config enables it,
 * so fake data never mixes with real data by accident.
 */
public final class SimulatedPlugin implements SensorPlugin {

    private static final String TYPE = "simulated";
    private static final Map<String, String> MARK = Map.of("simulated", "true");

    private record Sensor(@Nullable String unit, String description) {}

    /** The sensors this plugin can simulate, by source id. */
    private static final Map<String, Sensor> SENSORS = sensors();

    private final Map<String, SourceSpec> sources = new LinkedHashMap<>();
    private @Nullable Room room;
    private Clock clock = Clock.systemUTC();
    private @Nullable Instant lastMotionCheck;
    private Duration interval = Duration.ofSeconds(5);

    private static Map<String, Sensor> sensors() {
        Map<String, Sensor> s = new LinkedHashMap<>();
        s.put(
                "temperature",
                new Sensor("°C", "Simulated room temperature in degrees Celsius, following the time of day"));
        s.put("humidity", new Sensor("%", "Simulated relative humidity in percent, lower when the room is warmer"));
        s.put(
                "pressure",
                new Sensor("hPa", "Simulated barometric pressure in hectopascals, drifting like the weather"));
        s.put("light", new Sensor("lx", "Simulated illuminance in lux, following daylight, with lamps in the evening"));
        s.put(
                "motion",
                new Sensor(null, "Simulated motion: 1 when motion was detected since the previous reading, else 0"));
        return s;
    }

    @Override
    public String name() {
        return TYPE;
    }

    @Override
    public String description() {
        return "Simulates a room's temperature, humidity, pressure, light and motion for demos and tests.";
    }

    @Override
    public boolean enabledByDefault() {
        return false;
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.builder()
                .integer(
                        "seed",
                        42,
                        Long.MIN_VALUE,
                        Long.MAX_VALUE,
                        "Seed of the simulation; the same seed gives the same values")
                .duration(
                        "interval",
                        Duration.ofSeconds(5),
                        Duration.ofMillis(10),
                        Duration.ofHours(1),
                        "How often the simulated sensors are read")
                .strings(
                        "sensors",
                        List.copyOf(SENSORS.keySet()),
                        "Which sensors to simulate: any of " + String.join(", ", SENSORS.keySet()))
                .build();
    }

    @Override
    public Availability availability(PluginContext context) {
        return context.settings().strings("sensors").isEmpty()
                ? Availability.no("no sensors listed in " + context.settings().path() + ".sensors")
                : Availability.yes();
    }

    @Override
    public void start(PluginContext context) {
        List<String> wanted = context.settings().strings("sensors");
        List<String> unknown = new ArrayList<>(wanted);
        unknown.removeAll(SENSORS.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(context.settings().path() + ".sensors: unknown sensor '"
                    + String.join("', '", unknown) + "'; expected any of " + String.join(", ", SENSORS.keySet()));
        }
        clock = context.clock();
        interval = context.settings().duration("interval");
        room = new Room(context.settings().integer("seed"), clock.getZone());
        SENSORS.forEach((id, sensor) -> {
            if (wanted.contains(id)) {
                sources.put(id, new SourceSpec(TYPE, id, sensor.unit(), true, interval, sensor.description(), MARK));
            }
        });
    }

    @Override
    public List<SourceSpec> sources() {
        return List.copyOf(sources.values());
    }

    @Override
    public Sample sample(String sourceId) {
        Room r = room;
        if (r == null || !sources.containsKey(sourceId)) {
            return Sample.failure("the simulated plugin has no running source '" + sourceId + "'");
        }
        Instant now = clock.instant();
        double value =
                switch (sourceId) {
                    case "temperature" -> r.temperature(now);
                    case "humidity" -> r.humidity(now);
                    case "pressure" -> r.pressure(now);
                    case "light" -> r.light(now);
                    default -> motionSinceLastSample(r, now);
                };
        return new Sample.Numeric(Math.round(value * 100) / 100.0, MARK);
    }

    private double motionSinceLastSample(Room r, Instant now) {
        Instant from = lastMotionCheck != null ? lastMotionCheck : now.minus(interval);
        lastMotionCheck = now;
        return r.motionBetween(from, now) ? 1 : 0;
    }
}
