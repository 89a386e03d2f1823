package io.smollama.node.sync;

import io.smollama.node.config.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code sync} section: whether this node syncs with a hub, where the hub is ({@code hub_url}; empty
 * finds it by discovery), the time between rounds, whether other nodes' entries are pulled too, and the
 * hub's token ({@code token}; empty uses this node's own API token).
 */
public record SyncSettings(
        boolean enabled, Optional<URI> hubUrl, Duration interval, boolean pull, Optional<String> token) {

    public static SyncSettings from(Settings sync) {
        return new SyncSettings(
                sync.bool("enabled"),
                sync.optionalString("hub_url").map(u -> URI.create(u.strip())),
                sync.duration("interval"),
                sync.bool("pull"),
                sync.optionalString("token"));
    }
}
