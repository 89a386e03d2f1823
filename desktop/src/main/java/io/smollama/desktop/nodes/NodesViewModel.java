package io.smollama.desktop.nodes;

import io.smollama.common.Health;
import io.smollama.desktop.dashboard.Ages;
import io.smollama.desktop.service.NodeConnection;
import io.smollama.desktop.service.NodeDirectory;
import io.smollama.desktop.service.NodeHandle;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The node list (name, URL, role, version, state, last seen, read-only or not) and the add-node form
 * (URL and optional token, checked before anything is stored). FX thread only.
 */
public final class NodesViewModel {

    private final NodeDirectory nodes;
    private final ObservableList<NodeRow> rows = FXCollections.observableArrayList();
    private final StringProperty url = new SimpleStringProperty("");
    private final StringProperty token = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final Map<NodeHandle, Instant> lastSeen = new HashMap<>();
    private final Runnable onChange;

    /** {@code onChange} runs after a node is added or removed (the shell saves the layout). */
    public NodesViewModel(NodeDirectory nodes, Runnable onChange) {
        this.nodes = nodes;
        this.onChange = onChange;
    }

    public ObservableList<NodeRow> rows() {
        return rows;
    }

    public StringProperty url() {
        return url;
    }

    public StringProperty token() {
        return token;
    }

    /** A sentence about the last add/remove: what happened, or what to fix. */
    public StringProperty message() {
        return message;
    }

    public NodeDirectory directory() {
        return nodes;
    }

    /** Adds the node in the form; on a bad URL says what is expected and keeps the form. */
    public boolean add() {
        String text = url.get() == null ? "" : url.get().strip();
        URI uri;
        try {
            uri = new URI(text.contains("://") ? text : "http://" + text);
        } catch (URISyntaxException e) {
            message.set("That is not a URL. Enter one like http://pi4.local:8080.");
            return false;
        }
        if (text.isEmpty()
                || uri.getHost() == null
                || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            message.set("Enter the node's address like http://pi4.local:8080 (http or https).");
            return false;
        }
        String t = token.get() == null ? "" : token.get().strip();
        NodeConnection c = nodes.add(uri, t.isEmpty() ? null : t);
        nodes.selected().set(c);
        message.set("Added " + c.baseUri()
                + (c.canWrite() ? "." : " read-only: add its API token to change things on it."));
        url.set("");
        token.set("");
        onChange.run();
        return true;
    }

    public void remove(NodeHandle node) {
        nodes.remove(node);
        message.set("Removed " + node.name() + ".");
        onChange.run();
    }

    public void refresh(Instant now) {
        rows.setAll(nodes.nodes().stream().map(n -> row(n, now)).toList());
    }

    private NodeRow row(NodeHandle n, Instant now) {
        NodeConnection c = (NodeConnection) n;
        Health h = c.health().get();
        if (n.state().getValue() == io.smollama.desktop.service.NodeState.ONLINE) {
            lastSeen.put(n, now);
        }
        Instant seen = lastSeen.get(n);
        return new NodeRow(
                n.name(),
                n.baseUri().toString(),
                h == null ? "?" : h.role(),
                h == null ? "?" : h.version(),
                n.state().getValue(),
                seen == null ? "never" : Ages.describe(Duration.between(seen, now)),
                n.canWrite() ? "token" : "read-only");
    }
}
