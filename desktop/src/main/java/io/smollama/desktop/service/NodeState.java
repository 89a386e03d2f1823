package io.smollama.desktop.service;

/** How a node looks from the console: answering, late with its answers, or not answering. */
public enum NodeState {
    ONLINE,
    STALE,
    OFFLINE
}
