package io.smollama.node.metrics;

import java.time.Duration;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A value read at most once per {@code ttl}: several families of one scrape that come from one query (the
 * MQTT counts, which count the outbox table) share one read instead of each running it.
 */
public final class Cached<T> implements Supplier<T> {

    private final Supplier<T> source;
    private final long ttlNanos;
    private @Nullable T value;
    private long readAt;

    public Cached(Supplier<T> source, Duration ttl) {
        this.source = source;
        this.ttlNanos = ttl.toNanos();
    }

    @Override
    public synchronized T get() {
        long now = System.nanoTime();
        T v = value;
        if (v == null || now - readAt >= ttlNanos) {
            v = source.get();
            value = v;
            readAt = now;
        }
        return v;
    }
}
