package io.smollama.node.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node-agent running as a separate process from the packaged jar ({@code target/smollama-node.jar}),
 * the way users run it. Learns its URL from the "ready at" line it prints.
 */
public final class AgentProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("ready at (http://\\S+)");

    private final Process process;
    private final URI baseUri;
    private final List<String> output;
    private final Thread reader;

    private AgentProcess(Process process, URI baseUri, List<String> output, Thread reader) {
        this.process = process;
        this.baseUri = baseUri;
        this.output = output;
        this.reader = reader;
    }

    public static Path jar() {
        Path jar = Path.of("target", "smollama-node.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the integration tests through 'mvn verify'");
        }
        return jar;
    }

    public static String javaBinary() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Runs {@code smollama-node} with the given arguments to completion; returns exit code and output. */
    public static Result run(Path workDir, List<String> args) throws IOException, InterruptedException {
        return run(workDir, List.of(), args);
    }

    /** Like {@link #run(Path, List)} behind a command prefix such as {@code ip netns exec NAME}. */
    public static Result run(Path workDir, List<String> prefix, List<String> args)
            throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(prefix);
        cmd.addAll(List.of(javaBinary(), "-jar", jar().toString()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd)
                .directory(workDir.toFile())
                .redirectErrorStream(false)
                .start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("smollama-node " + args + " did not finish in 60 s");
        }
        return new Result(p.exitValue(), out.join(), err.join());
    }

    public record Result(int exitCode, String stdout, String stderr) {}

    private static String readAll(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    public static AgentProcess start(Path config) throws IOException, InterruptedException {
        return start(config, List.of());
    }

    /** Starts the agent behind a command prefix, e.g. {@code ip netns exec NAME} to run it in a network namespace. */
    public static AgentProcess start(Path config, List<String> prefix) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(prefix);
        cmd.addAll(List.of(javaBinary(), "-jar", jar().toString(), "run", "-c", config.toString()));
        ProcessBuilder pb =
                new ProcessBuilder(cmd).directory(config.getParent().toFile()).redirectErrorStream(true);
        Process p = pb.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<URI> ready = new CompletableFuture<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader r =
                            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            lines.add(line);
                            Matcher m = READY.matcher(line);
                            if (m.find()) {
                                ready.complete(URI.create(m.group(1)));
                            }
                        }
                    } catch (IOException e) {
                        ready.completeExceptionally(e);
                    }
                    ready.completeExceptionally(new IllegalStateException(
                            "agent exited before it was ready:\n" + String.join("\n", lines)));
                },
                "agent-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new AgentProcess(p, ready.get(30, TimeUnit.SECONDS), lines, reader);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException(
                    "agent did not become ready: " + e.getMessage() + "\n" + String.join("\n", lines), e);
        }
    }

    public URI baseUri() {
        return baseUri;
    }

    public List<String> output() {
        return output;
    }

    /** SIGKILL: no shutdown hooks, no flush. */
    public void kill9() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM: the agent's clean shutdown. */
    public void terminate() throws InterruptedException {
        // through the handle: Process.destroy() would also close our end of its output pipe
        process.toHandle().destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("agent did not stop within 20 s of SIGTERM");
        }
        reader.join(5000); // the last lines it printed
    }

    public int exitCode() {
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
