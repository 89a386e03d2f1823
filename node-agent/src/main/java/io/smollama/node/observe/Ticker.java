package io.smollama.node.observe;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * When the next round runs: the seam that lets tests drive the loop round by round instead of sleeping.
 * The production ticker runs every task on one daemon thread of its own.
 */
interface Ticker extends AutoCloseable {

    /** Runs {@code task} once after {@code delay}. */
    void schedule(Runnable task, Duration delay);

    /** Stops running tasks; one in progress is interrupted. */
    @Override
    void close();

    /** A ticker with its own daemon thread named {@code name}. */
    static Ticker onOwnThread(String name) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        return new Ticker() {
            @Override
            public void schedule(Runnable task, Duration delay) {
                try {
                    executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                    // closed: no more rounds
                }
            }

            @Override
            public void close() {
                executor.shutdownNow();
                try {
                    executor.awaitTermination(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }
}
