package io.smollama.node.observe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link Ticker} the test drives: it only records what was scheduled; {@link #runNext} runs it. */
final class ManualTicker implements Ticker {

    final List<Duration> delays = new ArrayList<>();
    private final List<Runnable> pending = new ArrayList<>();

    @Override
    public synchronized void schedule(Runnable task, Duration delay) {
        delays.add(delay);
        pending.add(task);
    }

    void runNext() {
        Runnable task;
        synchronized (this) {
            task = pending.removeFirst();
        }
        task.run();
    }

    @Override
    public void close() {}
}
