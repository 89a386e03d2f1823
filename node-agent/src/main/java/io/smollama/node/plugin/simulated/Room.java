package io.smollama.node.plugin.simulated;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * A simulated room, as pure functions of the time: an indoor temperature that follows the day
 * (coolest before dawn, warmest mid-afternoon) with slow drift and sensor jitter; humidity that
 * falls as the room warms; barometric pressure that wanders like weather fronts; light that
 * follows daylight through clouds, with lamps in the evening; and motion in bursts while someone
 * is about, mostly mornings and evenings. The same seed and time always give the same values.
 */
final class Room {

    static final double MIN_TEMPERATURE = 14;
    static final double MAX_TEMPERATURE = 28;
    static final double MIN_HUMIDITY = 20;
    static final double MAX_HUMIDITY = 80;
    static final double MIN_PRESSURE = 980;
    static final double MAX_PRESSURE = 1045;
    static final double MAX_LIGHT = 1000;

    private static final double HOUR = 3600;
    private static final long MOTION_SLOT_SECONDS = 10;

    private final Noise noise;
    private final ZoneId zone;

    Room(long seed, ZoneId zone) {
        this.noise = new Noise(seed);
        this.zone = zone;
    }

    /** Degrees Celsius. */
    double temperature(Instant at) {
        double s = seconds(at);
        double daily = 2.5 * Math.cos(2 * Math.PI * (hourOfDay(at) - 15) / 24);
        double drift = 1.2 * noise.smooth(1, s / (3 * HOUR)) + 0.4 * noise.smooth(2, s / 1200);
        double jitter = 0.05 * (noise.uniform(3, (long) s) * 2 - 1);
        return Math.clamp(21.0 + daily + drift + jitter, MIN_TEMPERATURE, MAX_TEMPERATURE);
    }

    /** Relative humidity in percent; about 2 points lower per degree warmer. */
    double humidity(Instant at) {
        double s = seconds(at);
        double value = 45
                - 2.0 * (temperature(at) - 21)
                + 4 * noise.smooth(11, s / (2 * HOUR))
                + 0.3 * (noise.uniform(12, (long) s) * 2 - 1);
        return Math.clamp(value, MIN_HUMIDITY, MAX_HUMIDITY);
    }

    /** Hectopascals near sea level: fronts over days, swings over hours, small steps over minutes. */
    double pressure(Instant at) {
        double s = seconds(at);
        double value = 1013.25
                + 9 * noise.smooth(21, s / (48 * HOUR))
                + 3 * noise.smooth(22, s / (6 * HOUR))
                + 0.5 * noise.smooth(23, s / 1800)
                + 0.05 * (noise.uniform(24, (long) s) * 2 - 1);
        return Math.clamp(value, MIN_PRESSURE, MAX_PRESSURE);
    }

    /** Illuminance in lux: daylight through a window between 06:30 and 19:30, lamps some evenings. */
    double light(Instant at) {
        double s = seconds(at);
        double h = hourOfDay(at);
        double daylight = h > 6.5 && h < 19.5 ? Math.sin(Math.PI * (h - 6.5) / 13) : 0;
        double clouds = 0.55 + 0.45 * (noise.smooth(31, s / HOUR) + 1) / 2;
        boolean lamps = h >= 18 && h < 23 && noise.smooth(32, s / 2700) > -0.3;
        double value = 600 * daylight * clouds + (lamps ? 250 : 0) + 0.5;
        value *= 1 + 0.02 * (noise.uniform(33, (long) s) * 2 - 1);
        return Math.clamp(value, 0, MAX_LIGHT);
    }

    /**
     * Whether motion was detected in (from, to]; looks back at most one day. Time is cut into
     * slots; a slot may hold one movement at a fixed random moment inside it, so the answer does
     * not depend on how the interval is sampled.
     */
    boolean motionBetween(Instant from, Instant to) {
        long fromMillis = Math.max(from.toEpochMilli(), to.toEpochMilli() - 86_400_000L);
        long toMillis = to.toEpochMilli();
        long slotMillis = MOTION_SLOT_SECONDS * 1000;
        for (long slot = Math.floorDiv(fromMillis, slotMillis); slot <= Math.floorDiv(toMillis, slotMillis); slot++) {
            long moment = slot * slotMillis + (long) (noise.uniform(43, slot) * slotMillis);
            if (moment <= fromMillis || moment > toMillis) {
                continue;
            }
            double chance = chanceOfMovement(moment / 1000.0);
            if (noise.uniform(41, slot) < chance) {
                return true;
            }
        }
        return false;
    }

    /** Within a slot: high during bouts of activity of about a minute, low while someone sits still or is away. */
    private double chanceOfMovement(double seconds) {
        if (!occupied(Instant.ofEpochMilli((long) (seconds * 1000)))) {
            return 0.002;
        }
        return noise.smooth(44, seconds / 60) > 0.1 ? 0.8 : 0.03;
    }

    /** Someone is about: more likely mornings and evenings, rarely at night; periods last tens of minutes. */
    boolean occupied(Instant at) {
        double h = hourOfDay(at);
        double bias = h < 6 ? -0.9 : h < 9 ? 0.4 : h < 17 ? 0.0 : h < 23 ? 0.4 : -0.4;
        return noise.smooth(42, seconds(at) / 1200) + bias > 0.2;
    }

    private double hourOfDay(Instant at) {
        LocalTime t = at.atZone(zone).toLocalTime();
        return t.toSecondOfDay() / HOUR + t.getNano() / 3.6e12;
    }

    private static double seconds(Instant at) {
        return at.getEpochSecond() + at.getNano() / 1e9;
    }
}
