package io.smollama.node.plugin;

import io.smollama.node.config.Durations;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a lifecycle call of a plugin on its own virtual thread, with the plugin's class loader as
 * context loader, and gives up after a time limit so a hanging plugin cannot block the node. A
 * call that times out is interrupted and left to finish on its own.
 */
final class BoundedCall {

    private BoundedCall() {}

    static <T> T call(String what, Plugin plugin, Duration limit, Callable<T> task) throws Exception {
        FutureTask<T> future = new FutureTask<>(task);
        Thread thread = Thread.ofVirtual().name(what).unstarted(future);
        thread.setContextClassLoader(plugin.getClass().getClassLoader());
        thread.start();
        try {
            return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) throw ex;
            if (cause instanceof Error err) throw err;
            throw e;
        } catch (TimeoutException e) {
            thread.interrupt();
            throw new TimeoutException(what + " did not finish within " + Durations.format(limit));
        }
    }

    static void run(String what, Plugin plugin, Duration limit, ThrowingRunnable task) throws Exception {
        call(what, plugin, limit, () -> {
            task.run();
            return null;
        });
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
