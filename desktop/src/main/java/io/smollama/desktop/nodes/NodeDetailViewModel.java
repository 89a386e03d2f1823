package io.smollama.desktop.nodes;

import io.smollama.common.ComponentHealth;
import io.smollama.common.Health;
import io.smollama.common.NodeStats;
import io.smollama.common.PluginInfo;
import io.smollama.desktop.service.Background;
import io.smollama.desktop.service.NodeConnection;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * What the node detail shows about the selected node: version, role, uptime, its health components,
 * its plugins with their state, the observation scheduler's interval and sync status (when the node
 * has those components), and storage size. Health comes from the connection; plugins and stats are
 * fetched through {@link Background}. FX thread only.
 */
public final class NodeDetailViewModel {

    private final Background bg;
    private final StringProperty title = new SimpleStringProperty("No node selected");
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty scheduler = new SimpleStringProperty("");
    private final StringProperty sync = new SimpleStringProperty("");
    private final StringProperty storage = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");
    private final ObservableList<String> components = FXCollections.observableArrayList();
    private final ObservableList<String> plugins = FXCollections.observableArrayList();
    private @Nullable NodeConnection node;

    public NodeDetailViewModel(Background bg) {
        this.bg = bg;
    }

    public StringProperty title() {
        return title;
    }

    public StringProperty summary() {
        return summary;
    }

    public StringProperty scheduler() {
        return scheduler;
    }

    public StringProperty sync() {
        return sync;
    }

    public StringProperty storage() {
        return storage;
    }

    /** Why the detail is incomplete (node unreachable), as a sentence; empty when all is well. */
    public StringProperty problem() {
        return problem;
    }

    public ObservableList<String> components() {
        return components;
    }

    public ObservableList<String> plugins() {
        return plugins;
    }

    public void show(@Nullable NodeConnection n) {
        node = n;
        components.clear();
        plugins.clear();
        storage.set("");
        problem.set("");
        if (n == null) {
            title.set("No node selected");
            summary.set("Add a node by URL below, or wait for discovery.");
            scheduler.set("");
            sync.set("");
            return;
        }
        title.set(n.name() + " — " + n.baseUri());
        health(n.health().get());
        reload();
    }

    /** Re-reads plugins and stats (and shows the latest health). */
    public void reload() {
        NodeConnection n = node;
        if (n == null) {
            return;
        }
        health(n.health().get());
        bg.run(
                () -> n.client().plugins(),
                p -> {
                    if (node == n) {
                        plugins(p);
                    }
                },
                e -> problem.set(
                        n.name() + " did not answer (" + e.getMessage() + "); the detail updates when it is back."));
        bg.run(
                () -> n.client().stats(),
                s -> {
                    if (node == n) {
                        stats(s);
                    }
                },
                e -> storage.set("storage: unknown while the node is unreachable"));
    }

    void health(@Nullable Health h) {
        if (h == null) {
            summary.set("No answer from the node yet.");
            return;
        }
        Duration up = Duration.ofSeconds(h.uptimeSeconds());
        summary.set(String.format(
                Locale.ROOT,
                "%s · %s · v%s · up %dd %02dh %02dm",
                h.status(),
                h.role(),
                h.version(),
                up.toDays(),
                up.toHoursPart(),
                up.toMinutesPart()));
        Map<String, ComponentHealth> sorted = new TreeMap<>(h.components());
        components.setAll(sorted.entrySet().stream()
                .map(e -> e.getValue().status() + "  " + e.getKey()
                        + (e.getValue().detail() == null
                                ? ""
                                : " — " + e.getValue().detail()))
                .toList());
        ComponentHealth observe = h.components().get("observe");
        scheduler.set(
                observe == null
                        ? "Observation scheduler: not on this node"
                        : "Observation scheduler: " + observe.status()
                                + (observe.detail() == null ? "" : " — " + observe.detail()));
        ComponentHealth s = h.components().get("sync");
        sync.set(
                s == null
                        ? "Sync: not on this node"
                        : "Sync: " + s.status() + (s.detail() == null ? "" : " — " + s.detail()));
    }

    void plugins(List<PluginInfo> list) {
        plugins.setAll(list.stream()
                .map(p -> p.state() + "  " + p.name() + " (" + p.kind() + ", "
                        + p.sources().size() + " sources)"
                        + (p.reason() == null || p.reason().isBlank() ? "" : " — " + p.reason()))
                .toList());
    }

    void stats(NodeStats s) {
        storage.set(String.format(
                Locale.ROOT,
                "Storage: %s database · %,d readings · %d sources · %.1f readings/s",
                bytes(s.databaseBytes()),
                s.readingsTotal(),
                s.sources(),
                s.readingsPerSecond()));
    }

    static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        if (b < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", b / 1024.0);
        }
        if (b < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", b / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GB", b / (1024.0 * 1024 * 1024));
    }
}
