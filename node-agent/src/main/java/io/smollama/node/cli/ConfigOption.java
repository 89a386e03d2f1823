package io.smollama.node.cli;

import io.smollama.node.AgentConfig;
import io.smollama.node.config.ConfigException;
import io.smollama.node.config.ConfigProblem;
import io.smollama.node.config.ConfigRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The {@code -c FILE} option shared by the commands that read the configuration. */
final class ConfigOption {

    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            description =
                    "smollama.yaml to use (default: ./smollama.yaml, then ~/.smollama/smollama.yaml, then built-in defaults)")
    @Nullable
    Path file;

    /** Loads and validates; on problems prints each on its own line and returns null. */
    @Nullable
    AgentConfig load(PrintWriter err) {
        try {
            return AgentConfig.load(ConfigRequest.forThisProcess(file));
        } catch (ConfigException e) {
            err.println("smollama-node: the configuration has " + e.problems().size()
                    + (e.problems().size() == 1 ? " problem:" : " problems:"));
            for (ConfigProblem p : e.problems()) {
                err.println("  " + p);
            }
            return null;
        }
    }
}
