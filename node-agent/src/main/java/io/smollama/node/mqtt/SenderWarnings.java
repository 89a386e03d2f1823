package io.smollama.node.mqtt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Logs refused messages at most once per sender per {@code period}, with the number refused in between, so a
 * misbehaving device publishing every 100 ms cannot flood the log. Remembers a bounded number of senders.
 */
final class SenderWarnings {

    private static final int MAX_SENDERS = 1024;

    private record Seen(Instant lastLogged, long suppressed) {}

    private final Logger log;
    private final Clock clock;
    private final Duration period;
    private final Map<String, Seen> senders = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
            return size() > MAX_SENDERS;
        }
    };

    SenderWarnings(Logger log, Clock clock, Duration period) {
        this.log = log;
        this.clock = clock;
        this.period = period;
    }

    /** Logs {@code message} about {@code sender} unless one was logged within the period; returns whether it did. */
    synchronized boolean warn(String sender, String message) {
        Instant now = clock.instant();
        Seen e = senders.get(sender);
        if (e != null && now.isBefore(e.lastLogged().plus(period))) {
            senders.put(sender, new Seen(e.lastLogged(), e.suppressed() + 1));
            return false;
        }
        long suppressed = e == null ? 0 : e.suppressed();
        senders.put(sender, new Seen(now, 0));
        log.warning(() -> message
                + (suppressed > 0
                        ? " (" + suppressed + " more from " + sender + " refused since the last warning)"
                        : ""));
        return true;
    }
}
