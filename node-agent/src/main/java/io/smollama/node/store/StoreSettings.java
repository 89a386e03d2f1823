package io.smollama.node.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the reading store is laid out and tuned; the agent maps the {@code storage} config section to it.
 *
 * @param dataDir directory that holds {@code smollama.db}; created when missing
 * @param rawRetention how long raw readings are kept
 * @param minuteRetention how long per-minute rollups are kept
 * @param hourRetention how long per-hour rollups are kept
 * @param batchSize most readings committed in one transaction
 * @param flushInterval longest a submitted reading waits before its batch is committed
 */
public record StoreSettings(
        Path dataDir,
        Duration rawRetention,
        Duration minuteRetention,
        Duration hourRetention,
        int batchSize,
        Duration flushInterval) {

    public StoreSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        requirePositive("rawRetention", rawRetention);
        requirePositive("minuteRetention", minuteRetention);
        requirePositive("hourRetention", hourRetention);
        requirePositive("flushInterval", flushInterval);
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
    }

    /** The defaults of the {@code storage} config section, in {@code dataDir}. */
    public static StoreSettings defaults(Path dataDir) {
        return new StoreSettings(
                dataDir, Duration.ofDays(7), Duration.ofDays(90), Duration.ofDays(730), 2000, Duration.ofMillis(200));
    }

    /** A copy with another batch size and flush interval (benchmarks and tests tune these). */
    public StoreSettings withBatching(int size, Duration interval) {
        return new StoreSettings(dataDir, rawRetention, minuteRetention, hourRetention, size, interval);
    }

    private static void requirePositive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
