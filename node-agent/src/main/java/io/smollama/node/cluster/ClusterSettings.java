package io.smollama.node.cluster;

import io.smollama.node.config.ConfigException;
import io.smollama.node.config.ConfigProblem;
import io.smollama.node.config.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The {@code cluster} section: static members ({@code nodes}, base URLs such as {@code http://192.168.1.20:8080}),
 * the per-node {@code timeout} of fan-out calls, how long a view is reused ({@code cache}), after how long a node
 * that stops answering is {@code offline} rather than stale ({@code offline_after}), and whether fan-out calls carry
 * this node's token ({@code send_token}).
 */
public record ClusterSettings(
        List<URI> nodes, Duration timeout, Duration cache, Duration offlineAfter, boolean sendToken) {

    public ClusterSettings {
        nodes = List.copyOf(nodes);
    }

    /** Reads the section; throws {@link ConfigException} naming {@code cluster.nodes} for a URL that is not one. */
    public static ClusterSettings from(Settings cluster) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<URI> urls = new ArrayList<>();
        for (String raw : cluster.strings("nodes")) {
            String problem = problem(raw);
            if (problem != null) {
                problems.add(new ConfigProblem(cluster.origin("nodes"), "cluster.nodes", problem));
            } else {
                URI u = URI.create(strip(raw.strip()));
                if (!urls.contains(u)) {
                    urls.add(u);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new ClusterSettings(
                urls,
                cluster.duration("timeout"),
                cluster.duration("cache"),
                cluster.duration("offline_after"),
                cluster.bool("send_token"));
    }

    /** {@code raw} as a node's base URL (without a trailing /), or empty when it is not one. */
    public static java.util.Optional<URI> baseUrl(String raw) {
        return problem(raw) == null
                ? java.util.Optional.of(URI.create(strip(raw.strip())))
                : java.util.Optional.empty();
    }

    /** Null when {@code raw} is a node's base URL ({@code http(s)://host[:port]}, optionally ending in /), else why not. */
    static @Nullable String problem(String raw) {
        String s = raw.strip();
        String expected = "expected a node's base URL like http://192.168.1.20:8080, got '" + raw + "'";
        try {
            URI u = new URI(strip(s));
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https"))
                    || u.getHost() == null
                    || u.getUserInfo() != null
                    || u.getQuery() != null
                    || u.getFragment() != null
                    || !(u.getPath() == null || u.getPath().isEmpty())) {
                return expected;
            }
            return null;
        } catch (URISyntaxException e) {
            return expected;
        }
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
