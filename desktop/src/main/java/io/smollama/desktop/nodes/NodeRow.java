package io.smollama.desktop.nodes;

import io.smollama.desktop.service.NodeState;

/** A node as the list shows it. */
public record NodeRow(
        String name, String url, String role, String version, NodeState state, String lastSeen, String access) {}
