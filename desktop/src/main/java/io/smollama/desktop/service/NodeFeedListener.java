package io.smollama.desktop.service;

import io.smollama.common.NodeEvent;
import io.smollama.common.Reading;

/**
 * Live data from the nodes, called on I/O threads (never the FX thread): chart data sets are written
 * from here under their own locks; anything that touches the scene must hop to the FX thread.
 */
public interface NodeFeedListener {

    /** A reading arrived over a node's WebSocket. */
    default void reading(NodeHandle node, Reading reading) {}

    /** Any event from a node's WebSocket (readings included). */
    default void event(NodeHandle node, NodeEvent event) {}

    /**
     * A node's feed (re)opened: whatever happened while it was closed must be fetched from the REST
     * API (history, latest readings).
     */
    default void resumed(NodeHandle node) {}
}
