package io.smollama.node.cli;

import io.smollama.node.testsupport.AgentProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code smollama-node} command lines for the CLI tests: in the test's JVM through
 * {@link SmollamaNode#execute} (fast; sees this JVM's environment, so tests always pass {@code -c}),
 * or as the packaged jar with a chosen environment.
 */
final class Cli {

    /** What a command line did: its exit code and everything it printed. */
    record Run(int exitCode, String out, String err) {}

    private Cli() {}

    static Run execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (PrintWriter o = new PrintWriter(out, true);
                PrintWriter e = new PrintWriter(err, true)) {
            code = SmollamaNode.execute(args, o, e);
        }
        return new Run(code, out.toString(), err.toString());
    }

    /**
     * Runs the packaged jar to completion in {@code workDir} with {@code environment} added to an
     * environment cleared of every {@code SMOLLAMA_*} variable, so the result does not depend on the
     * machine's. ({@link AgentProcess#run} takes no environment.)
     */
    static Run jar(Path workDir, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(AgentProcess.javaBinary(), "-jar", AgentProcess.jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SMOLLAMA_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("smollama-node " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new Run(process.exitValue(), out.join(), err.join());
    }

    /** Writes {@code yaml} to {@code dir/smollama.yaml} (creating {@code dir}) and returns the file. */
    static Path config(Path dir, String yaml) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve("smollama.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A loopback port that was free a moment ago, so nothing answers there. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
