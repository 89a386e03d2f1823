package io.smollama.desktop;

import io.smollama.common.Health;
import io.smollama.common.NodeApiException;
import io.smollama.common.NodeClient;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Platform;

/** Polls one node's health off the FX thread and publishes results on it, with backoff while offline. */
final class NodePoller implements AutoCloseable {

    private final NodeClient client;
    private final NodeStatusViewModel model;
    private final ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "node-poller");
        t.setDaemon(true);
        return t;
    });
    private long delayMillis = 2000;

    NodePoller(NodeClient client, NodeStatusViewModel model) {
        this.client = client;
        this.model = model;
    }

    void start() {
        exec.execute(this::poll);
    }

    private void poll() {
        try {
            Health h = client.health();
            delayMillis = 2000;
            onFx(m -> m.update(h));
        } catch (NodeApiException e) {
            delayMillis = Math.min(delayMillis * 2, 30_000);
            String why = e.getMessage() + " — retrying in " + delayMillis / 1000 + " s";
            onFx(m -> m.unreachable(why));
        }
        if (!exec.isShutdown()) {
            exec.schedule(this::poll, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void onFx(Consumer<NodeStatusViewModel> change) {
        Platform.runLater(() -> change.accept(model));
    }

    @Override
    public void close() {
        exec.shutdownNow();
        client.close();
    }
}
