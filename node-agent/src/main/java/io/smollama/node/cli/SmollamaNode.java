package io.smollama.node.cli;

import io.smollama.node.BuildInfo;
import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code smollama-node}: the node-agent's one executable. */
@Command(
        name = "smollama-node",
        mixinStandardHelpOptions = true,
        versionProvider = SmollamaNode.Version.class,
        description = "Smollama node-agent: sensors, storage and API for one node of a Raspberry Pi cluster.",
        subcommands = {
            RunCommand.class,
            StatusCommand.class,
            ConfigCommand.class,
            PluginsCommand.class,
            SourcesCommand.class,
            ReadCommand.class,
            AskCommand.class,
            ModelsCommand.class,
            BenchCommand.class,
            DiscoveryCommand.class,
            DocsCommand.class,
            CommandLine.HelpCommand.class
        })
public final class SmollamaNode implements Runnable {

    @Option(
            names = "--log-level",
            scope = ScopeType.INHERIT,
            paramLabel = "LEVEL",
            description = "error, warn, info, debug or trace (default: log.level from the config, else info)")
    @Nullable
    String logLevel;

    @Option(
            names = "--log-format",
            scope = ScopeType.INHERIT,
            paramLabel = "FORMAT",
            description = "text or json (default: log.format from the config, else text)")
    @Nullable
    String logFormat;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Configures logging from the flags, or from the config's defaults when a flag is absent. */
    void configureLogging(String configLevel, String configFormat) {
        Logging.configure(logLevel != null ? logLevel : configLevel, logFormat != null ? logFormat : configFormat);
    }

    public static void main(String[] args) {
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", ShutdownSafeLogManager.class.getName());
        }
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line and returns its exit code (used by tests without a new JVM). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new SmollamaNode());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionStrategy(parse -> {
            SmollamaNode top = parse.commandSpec().commandLine().getCommand();
            if (top.logFormat != null && !top.logFormat.matches("(?i)text|json")) {
                throw new CommandLine.ParameterException(
                        parse.commandSpec().commandLine(),
                        "--log-format must be text or json, got '" + top.logFormat + "'");
            }
            try {
                Logging.configure(
                        top.logLevel != null ? top.logLevel : "warn", top.logFormat != null ? top.logFormat : "text");
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(parse.commandSpec().commandLine(), e.getMessage());
            }
            return new CommandLine.RunLast().execute(parse);
        });
        cl.setParameterExceptionHandler((e, args1) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("smollama-node: " + e.getMessage());
            c.getErr().println("See '" + c.getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((e, commandLine, parse) -> {
            commandLine.getErr().println("smollama-node: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return ExitCodes.FAILURE;
        });
        return cl.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            var b = BuildInfo.asMap();
            return new String[] {
                "smollama-node " + BuildInfo.version() + " (commit " + BuildInfo.commit() + ")",
                "built " + b.get("buildTime") + ", running on Java " + b.get("java") + " (" + b.get("os") + ")"
            };
        }
    }
}
