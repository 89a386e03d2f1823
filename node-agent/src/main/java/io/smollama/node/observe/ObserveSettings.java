package io.smollama.node.observe;

import io.smollama.node.config.Settings;
import java.time.Duration;

/**
 * The observation loop's settings: {@code observe.*} and {@code memory.observation_retention}. The
 * starting interval is clamped into {@code [minInterval, maxInterval]}.
 */
public record ObserveSettings(
        boolean enabled,
        Duration interval,
        Duration minInterval,
        Duration maxInterval,
        Duration lookback,
        Duration observationRetention) {

    public ObserveSettings {
        if (minInterval.compareTo(maxInterval) > 0) {
            throw new IllegalArgumentException("observe.min_interval (" + minInterval
                    + ") must not be longer than observe.max_interval (" + maxInterval + ")");
        }
        if (minInterval.isNegative() || minInterval.isZero()) {
            throw new IllegalArgumentException("observe.min_interval must be positive, got " + minInterval);
        }
        interval = clamp(interval, minInterval, maxInterval);
    }

    /** Reads the settings from the validated root configuration. */
    public static ObserveSettings from(Settings root) {
        Settings observe = root.section("observe");
        return new ObserveSettings(
                observe.bool("enabled"),
                observe.duration("interval"),
                observe.duration("min_interval"),
                observe.duration("max_interval"),
                observe.duration("lookback"),
                root.section("memory").duration("observation_retention"));
    }

    static Duration clamp(Duration d, Duration min, Duration max) {
        return d.compareTo(min) < 0 ? min : d.compareTo(max) > 0 ? max : d;
    }
}
