package io.smollama.node.cli;

import io.smollama.node.config.ConfigReference;
import io.smollama.node.config.NodeSchema;
import io.smollama.node.docs.ApiReference;
import io.smollama.node.plugin.LoadedPlugins;
import io.smollama.node.plugin.PluginLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code smollama-node docs config|api}: the reference documents in docs/, generated from the code. */
@Command(
        mixinStandardHelpOptions = true,
        name = "docs",
        description =
                "Print the reference documents generated from the code (scripts/gen-docs.sh writes them to docs/).",
        subcommands = {DocsCommand.Config.class, DocsCommand.Api.class})
final class DocsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The configuration reference for the built-in plugins (drop-in plugin jars are left out: it is the product's doc). */
    static String configReference() {
        try (LoadedPlugins plugins = new PluginLoader(null).load()) {
            return ConfigReference.markdown(NodeSchema.root(plugins.configSpecs(), plugins.enabledByDefault()));
        }
    }

    abstract static class Document implements Callable<Integer> {

        @Option(
                names = {"-o", "--output"},
                paramLabel = "FILE",
                description = "Write to FILE instead of standard output")
        @Nullable
        Path output;

        @Option(
                names = "--format",
                paramLabel = "FORMAT",
                defaultValue = "markdown",
                description = "markdown (the only format so far)")
        String format = "markdown";

        @Spec
        CommandSpec spec;

        abstract String render();

        @Override
        public Integer call() throws IOException {
            if (!format.equals("markdown")) {
                spec.commandLine().getErr().println("smollama-node: --format must be markdown, got '" + format + "'");
                return ExitCodes.USAGE;
            }
            String text = render();
            if (output == null) {
                spec.commandLine().getOut().print(text);
                spec.commandLine().getOut().flush();
            } else {
                Files.writeString(output, text, StandardCharsets.UTF_8);
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "config",
            description = "The configuration reference (docs/configuration.md): every key, its type, default,"
                    + " allowed values and environment variable.")
    static final class Config extends Document {
        @Override
        String render() {
            return configReference();
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "api",
            description = "The API reference (docs/api.md), from the OpenAPI document served at /openapi.")
    static final class Api extends Document {
        @Override
        String render() {
            return ApiReference.markdown();
        }
    }
}
