package io.smollama.node.sync;

import io.smollama.node.config.ConfigException;
import io.smollama.node.config.ConfigProblem;
import io.smollama.node.config.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code sync} section: whether this node syncs with a hub, where the hub is ({@code hub_url}; empty
 * finds it by discovery), the time between rounds, whether other nodes' entries are pulled too, and the
 * hub's token ({@code token}; empty uses this node's own API token).
 */
public record SyncSettings(
        boolean enabled, Optional<URI> hubUrl, Duration interval, boolean pull, Optional<String> token) {

    /**
     * Reads the section; {@code hub_url} becomes the hub's base URL (a trailing {@code /api} is dropped).
     *
     * @throws ConfigException naming {@code sync.hub_url} when it is not an http(s) URL of a host
     */
    public static SyncSettings from(Settings sync) {
        Optional<URI> hub = sync.optionalString("hub_url")
                .map(String::strip)
                .filter(u -> !u.isEmpty())
                .map(u -> hubBase(u)
                        .orElseThrow(() -> new ConfigException(List.of(new ConfigProblem(
                                sync.origin("hub_url"),
                                "sync.hub_url",
                                "expected the hub's base URL like http://hub.local:8080, got '" + u + "'")))));
        return new SyncSettings(
                sync.bool("enabled"), hub, sync.duration("interval"), sync.bool("pull"), sync.optionalString("token"));
    }

    /** {@code raw} without a trailing {@code /} or {@code /api}, when it is then an http(s) URL of a host. */
    static Optional<URI> hubBase(String raw) {
        String s = raw.replaceAll("/+$", "");
        if (s.endsWith("/api")) {
            s = s.substring(0, s.length() - "/api".length());
        }
        try {
            URI u = new URI(s);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            boolean ok = (scheme.equals("http") || scheme.equals("https"))
                    && u.getHost() != null
                    && u.getUserInfo() == null
                    && u.getQuery() == null
                    && u.getFragment() == null;
            return ok ? Optional.of(u) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
