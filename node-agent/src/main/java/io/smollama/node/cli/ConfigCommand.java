package io.smollama.node.cli;

import io.smollama.node.AgentConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code smollama-node config check}. */
@Command(
        mixinStandardHelpOptions = true,
        name = "config",
        description = "Work with the configuration.",
        subcommands = ConfigCommand.Check.class)
final class ConfigCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "check",
            description = {
                "Validate the configuration and print every effective value with where it came from",
                "(file:line, environment variable, or default). Secrets are masked. Exit code 3 when invalid."
            })
    static final class Check implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (AgentConfig cfg = config.load(spec.commandLine().getErr())) {
                if (cfg == null) {
                    return ExitCodes.CONFIG;
                }
                var out = spec.commandLine().getOut();
                out.print(cfg.loaded().effective().render());
                out.println("node.name resolves to " + cfg.node().name() + "; data in "
                        + cfg.node().storage().path());
                out.println("configuration is valid");
                return ExitCodes.OK;
            }
        }
    }
}
