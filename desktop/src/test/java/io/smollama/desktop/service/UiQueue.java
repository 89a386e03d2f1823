package io.smollama.desktop.service;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A UI executor for view-model tests without JavaFX: work handed to the "UI" waits here until the test
 * runs it on its own thread, so every view-model change happens on one thread, in order.
 */
public final class UiQueue implements Executor {

    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();

    @Override
    public void execute(Runnable command) {
        queue.add(command);
    }

    /** Runs the next piece of UI work, waiting for the background to hand one over. */
    public void runNext() throws InterruptedException {
        Runnable next = queue.poll(20, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("no UI work arrived within 20 s");
        }
        next.run();
    }

    /** Runs UI work until {@code done} holds. */
    public void runUntil(java.util.function.BooleanSupplier done) throws InterruptedException {
        while (!done.getAsBoolean()) {
            runNext();
        }
    }

    /** Runs whatever UI work is already waiting, without waiting for more. */
    public void drain() {
        Runnable next;
        while ((next = queue.poll()) != null) {
            next.run();
        }
    }
}
