package io.smollama.node.cli;

import io.smollama.node.AgentConfig;
import io.smollama.node.NodeAgent;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code smollama-node run}: runs the node-agent until SIGTERM or Ctrl-C, then shuts down cleanly. */
@Command(
        mixinStandardHelpOptions = true,
        name = "run",
        description = "Run the node-agent in the foreground until SIGTERM or Ctrl-C.")
final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = Logger.getLogger(RunCommand.class.getName());

    @Mixin
    ConfigOption config;

    @ParentCommand
    SmollamaNode top;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AgentConfig cfg = config.load(err);
        if (cfg == null) {
            return ExitCodes.CONFIG;
        }
        top.configureLogging(cfg.node().log().level(), cfg.node().log().format());
        cfg.loaded().warnings().forEach(w -> LOG.warning(() -> "config: " + w));
        NodeAgent agent;
        try {
            agent = NodeAgent.start(cfg, Clock.systemUTC());
        } catch (RuntimeException | java.io.IOException e) {
            cfg.close();
            err.println("smollama-node: the node-agent could not start: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            agent.close();
                            cfg.close();
                            // System.out, not the logger: java.util.logging shuts down in its own hook
                            System.out.println("Smollama node " + agent.config().name() + " stopped cleanly");
                            System.out.flush();
                            stopped.countDown();
                        },
                        "shutdown"));
        var c = agent.config();
        out.println("Smollama node " + c.name() + " (" + c.role().word() + ") ready at " + agent.baseUri());
        out.println("  data: " + c.storage().path() + "   API token file: "
                + (c.http().token().isPresent()
                        ? "(token set in config)"
                        : c.http().tokenFile().toString()));
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
