package io.smollama.node.cli;

import io.smollama.common.NodeClient;
import io.smollama.node.AgentConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How CLI commands reach the running agent: {@code --url}, else the http host and port of the
 * configuration, with the token from the config or the token file when the user may read it.
 */
final class AgentEndpoint {

    @Option(names = "--url", paramLabel = "URL", description = "the agent's URL (default: from the configuration)")
    @Nullable URI url;

    @Mixin
    ConfigOption config;

    /** A client for the running agent, or null after printing why the configuration is unusable. */
    @Nullable NodeClient client(PrintWriter err, Duration timeout) {
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

    private static @Nullable String readToken(java.nio.file.Path file) {
        try {
            return Files.isReadable(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
