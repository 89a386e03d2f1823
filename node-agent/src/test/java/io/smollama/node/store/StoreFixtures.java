package io.smollama.node.store;

import io.smollama.common.Reading;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

/** Readings, settings and a settable clock shared by the store tests. */
final class StoreFixtures {

    static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");

    private StoreFixtures() {}

    static Reading num(String source, double value, Instant at) {
        String[] p = Reading.splitSource(source);
        return Reading.numeric("n1", p[0], p[1], value, "C", at, Map.of());
    }

    static Reading text(String source, String text, Instant at) {
        String[] p = Reading.splitSource(source);
        return Reading.text("n1", p[0], p[1], text, at, Map.of());
    }

    static StoreSettings settings(Path dir) {
        return StoreSettings.defaults(dir).withBatching(500, Duration.ofMillis(20));
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
