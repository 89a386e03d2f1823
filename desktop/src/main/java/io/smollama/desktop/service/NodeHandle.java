package io.smollama.desktop.service;

import io.smollama.common.NodeClient;
import java.net.URI;
import javafx.beans.value.ObservableValue;

/**
 * A node the console knows, as screens use it: its name and URL, a typed client for its API (calls
 * block: make them through {@link Background}, never on the FX thread), whether the console holds
 * its API token (without one the console is read-only for this node), and its state, updated on the
 * FX thread.
 */
public interface NodeHandle {

    String name();

    URI baseUri();

    NodeClient client();

    /** True when the console has this node's API token, so state-changing calls can be made. */
    boolean canWrite();

    ObservableValue<NodeState> state();
}
