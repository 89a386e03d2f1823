package io.smollama.node.cli;

import io.smollama.node.AgentConfig;
import io.smollama.node.agent.AgentSettings;
import io.smollama.node.agent.OllamaServer;
import io.smollama.node.llm.LlmUnavailableException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code smollama-node models pull}: asks Ollama to pull the configured models, printing progress. */
@Command(
        mixinStandardHelpOptions = true,
        name = "models",
        description = "The Ollama models this node uses.",
        subcommands = {ModelsCommand.Pull.class})
final class ModelsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "pull",
            description = {
                "Ask Ollama (ollama.url) to pull ollama.model, and ollama.embedding_model when"
                        + " memory.embedder is ollama.",
                "Prints progress; exit 0 when every model is present, 1 when a pull failed."
            })
    static final class Pull implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            AgentSettings settings;
            try (AgentConfig cfg = config.load(err)) {
                if (cfg == null) {
                    return ExitCodes.CONFIG;
                }
                settings = AgentSettings.from(cfg.loaded().settings());
            }
            List<String> models = new ArrayList<>(List.of(settings.model()));
            if (settings.ollamaEmbeddings() && !models.contains(settings.embeddingModel())) {
                models.add(settings.embeddingModel());
            }
            OllamaServer ollama = new OllamaServer(settings.ollamaUrl(), settings.connectTimeout(), settings.timeout());
            for (String model : models) {
                out.println("pulling " + model + " from " + ollama.baseUrl());
                String[] lastLine = {""};
                try {
                    ollama.pull(model, p -> {
                        int pct = p.percent();
                        String line = "  " + p.status() + (pct >= 0 ? " " + (pct / 10 * 10) + "%" : "");
                        if (!line.equals(lastLine[0])) {
                            out.println(line);
                            out.flush();
                            lastLine[0] = line;
                        }
                    });
                } catch (LlmUnavailableException e) {
                    err.println("smollama-node: " + e.getMessage());
                    return ExitCodes.FAILURE;
                }
                out.println(model + " is ready");
            }
            return ExitCodes.OK;
        }
    }
}
