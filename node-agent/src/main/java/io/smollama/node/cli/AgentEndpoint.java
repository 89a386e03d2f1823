package io.smollama.node.cli;

import io.smollama.common.NodeApiException;
import io.smollama.common.NodeClient;
import io.smollama.node.AgentConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How CLI commands reach the running agent: {@code --url}, else the http host and port of the
 * configuration, with the token from the config or the token file when the user may read it.
 */
final class AgentEndpoint {

    @Option(
            names = "--url",
            paramLabel = "URL",
            converter = HttpUrl.class,
            description = "the agent's URL, like http://127.0.0.1:8080 (default: from the configuration)")
    @Nullable
    URI url;

    /** Accepts only absolute http(s) URLs with a host; anything else is a usage error. */
    static final class HttpUrl implements picocli.CommandLine.ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            try {
                URI u = new URI(value);
                if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null) {
                    return u;
                }
            } catch (java.net.URISyntaxException e) {
                // reported below, with what was expected
            }
            throw new picocli.CommandLine.TypeConversionException(
                    "expected an http(s) URL like http://127.0.0.1:8080, got '" + value + "'");
        }
    }

    @Mixin
    ConfigOption config;

    /** A client for the running agent, or null after printing why the configuration is unusable. */
    @Nullable
    NodeClient client(PrintWriter err, Duration timeout) {
        if (url != null) {
            return new NodeClient(url, System.getenv("SMOLLAMA_TOKEN"), timeout);
        }
        try (AgentConfig cfg = config.load(err)) {
            if (cfg == null) {
                return null;
            }
            var http = cfg.node().http();
            String host = http.host().equals("0.0.0.0") || http.host().equals("::") ? "127.0.0.1" : http.host();
            if (host.contains(":")) {
                host = "[" + host + "]";
            }
            String token = http.token().orElseGet(() -> readToken(http.tokenFile()));
            return new NodeClient(URI.create("http://" + host + ":" + http.port()), token, timeout);
        }
    }

    /**
     * Answers from the running agent when one answers; otherwise, unless {@code --url} named a
     * particular agent, starts the plugins in this process and answers from them. Plugins are never
     * started here while an agent holds the data directory: two processes would drive the same
     * hardware.
     */
    int agentOrLocal(PrintWriter err, Function<NodeClient, Integer> remote, Function<LocalPlugins, Integer> local) {
        NodeClient client = client(err, Duration.ofSeconds(2));
        if (client == null) {
            return ExitCodes.CONFIG;
        }
        try (client) {
            return remote.apply(client);
        } catch (NodeApiException e) {
            if (!e.unreachable() || url != null) {
                err.println("smollama-node: " + e.getMessage());
                return e.unreachable() ? ExitCodes.STATUS_UNREACHABLE : ExitCodes.FAILURE;
            }
        }
        try (AgentConfig cfg = config.load(err)) {
            if (cfg == null) {
                return ExitCodes.CONFIG;
            }
            try (LocalPlugins plugins = LocalPlugins.start(cfg, client.baseUri())) {
                return local.apply(plugins);
            } catch (IllegalStateException e) {
                err.println("smollama-node: " + e.getMessage());
                return ExitCodes.FAILURE;
            }
        }
    }

    /**
     * The node's error for the terminal; a refused token gets a hint on where the CLI takes one: the
     * environment with {@code --url}, else the configuration's token or token file.
     */
    String explain(NodeApiException e) {
        if (e.status() != 401) {
            return e.getMessage();
        }
        return e.getMessage()
                + (url != null
                        ? " (with --url the CLI sends the token in $SMOLLAMA_TOKEN; or use -c FILE with the agent's"
                                + " configuration, whose storage.path holds the api-token file)"
                        : " (the CLI reads http.token, else <storage.path>/api-token, of the configuration: pass the"
                                + " agent's with -c FILE, or set SMOLLAMA_TOKEN and --url)");
    }

    private static @Nullable String readToken(java.nio.file.Path file) {
        try {
            return Files.isReadable(file)
                    ? Files.readString(file, StandardCharsets.UTF_8).trim()
                    : null;
        } catch (IOException e) {
            return null;
        }
    }
}
