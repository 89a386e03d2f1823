package io.smollama.node.sync;

/** How a node reaches the peer it syncs with: over HTTP in the agent, in-process in tests. */
interface SyncTransport {

    SyncMessages.PushResponse push(SyncMessages.PushRequest request) throws SyncException;

    SyncMessages.PullResponse pull(VersionVector have, int limit, String exclude) throws SyncException;

    /** Where the peer is, for status and messages (no secrets). */
    String describe();
}
