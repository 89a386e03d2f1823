package io.smollama.node.cli;

import java.util.logging.LogManager;

/**
 * A LogManager that ignores the reset java.util.logging runs in its own shutdown hook. That hook
 * runs concurrently with the agent's, and would otherwise remove the handlers while the agent is
 * still logging what happened during shutdown (readings it could not store, plugins that failed
 * to stop). Installed by {@link SmollamaNode#main} through {@code java.util.logging.manager}.
 */
public final class ShutdownSafeLogManager extends LogManager {

    @Override
    public void reset() {
        if (Thread.currentThread().getClass().getName().startsWith("java.util.logging.LogManager$")) {
            return; // JUL's shutdown hook: keep logging until the JVM is gone
        }
        super.reset();
    }
}
