package io.smollama.desktop.service;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Runs blocking work (network calls) off the FX thread and hands the result or the failure to the UI
 * executor ({@code Platform::runLater} in the app, a direct executor in view-model tests). Failures are
 * delivered, never thrown away. Work submitted after {@link #close()} (a timer firing while the console
 * shuts down) is dropped.
 */
public final class Background implements AutoCloseable {

    private final ExecutorService io = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("console-io-", 0).factory());
    private final Executor ui;

    public Background(Executor ui) {
        this.ui = ui;
    }

    /** Runs {@code work} in the background; {@code onResult} or {@code onError} then runs on the UI executor. */
    public <T> void run(Callable<T> work, Consumer<T> onResult, Consumer<Exception> onError) {
        if (io.isShutdown()) {
            return; // the console is closing: nobody is left to show the result
        }
        io.execute(() -> {
            T result;
            try {
                result = work.call();
            } catch (Exception e) {
                ui.execute(() -> onError.accept(e));
                return;
            }
            ui.execute(() -> onResult.accept(result));
        });
    }

    /** Runs {@code action} on the UI executor (for streamed results arriving on a background thread). */
    public void onUi(Runnable action) {
        ui.execute(action);
    }

    /** Runs blocking work whose progress is reported through {@link #onUi}. */
    public void execute(Runnable work) {
        if (!io.isShutdown()) {
            io.execute(work);
        }
    }

    @Override
    public void close() {
        io.shutdownNow();
    }
}
