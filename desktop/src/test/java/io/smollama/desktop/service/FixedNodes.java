package io.smollama.desktop.service;

import io.smollama.common.NodeClient;
import java.net.URI;
import java.time.Duration;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * A hand-set {@link ConsoleNodes} for screen tests: the nodes, the selection and the hub are whatever
 * the test puts in; each handle holds a real {@link NodeClient} for a real (or deliberately absent) node.
 */
public final class FixedNodes implements ConsoleNodes {

    private final ObservableList<NodeHandle> nodes = FXCollections.observableArrayList();
    private final ObjectProperty<@Nullable NodeHandle> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<@Nullable NodeHandle> hub = new SimpleObjectProperty<>();

    /** Adds a node and selects it when none is selected yet. */
    public Handle add(String name, URI base, @Nullable String token) {
        Handle h = new Handle(name, base, token);
        nodes.add(h);
        if (selected.get() == null) {
            selected.set(h);
        }
        return h;
    }

    public void select(@Nullable NodeHandle node) {
        selected.set(node);
    }

    public void hub(@Nullable NodeHandle node) {
        hub.set(node);
    }

    @Override
    public ObservableList<NodeHandle> nodes() {
        return nodes;
    }

    @Override
    public ObservableValue<@Nullable NodeHandle> selected() {
        return selected;
    }

    @Override
    public ObservableValue<@Nullable NodeHandle> hub() {
        return hub;
    }

    /** A node with a settable state. */
    public static final class Handle implements NodeHandle, AutoCloseable {
        private final String name;
        private final URI base;
        private final boolean canWrite;
        private final NodeClient client;
        private final ObjectProperty<NodeState> state = new SimpleObjectProperty<>(NodeState.ONLINE);

        Handle(String name, URI base, @Nullable String token) {
            this.name = name;
            this.base = base;
            this.canWrite = token != null;
            this.client = new NodeClient(base, token, Duration.ofSeconds(5));
        }

        public Handle state(NodeState s) {
            state.set(s);
            return this;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public URI baseUri() {
            return base;
        }

        @Override
        public NodeClient client() {
            return client;
        }

        @Override
        public boolean canWrite() {
            return canWrite;
        }

        @Override
        public ObservableValue<NodeState> state() {
            return state;
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
