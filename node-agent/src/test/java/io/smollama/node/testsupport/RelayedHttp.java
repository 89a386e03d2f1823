package io.smollama.node.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smollama.common.Json;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * HTTP calls made from inside a network namespace: a helper JVM started behind a command prefix ({@code ip netns
 * exec NAME}) reads one request a line on stdin ({@code {"method","url","body"}}) and answers one line
 * ({@code {"status","body"}}), so a test in the root namespace can talk to agents that only the namespace reaches,
 * without paying a JVM start per call. Requests carry {@link TestNode#TOKEN}-style tokens given at start.
 */
public final class RelayedHttp implements AutoCloseable {

    /** An answer: the status (0 when the call failed, then {@code body} says why) and the body. */
    public record Response(int status, String body) {
        public JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    private final Process process;
    private final BufferedWriter in;
    private final BufferedReader out;

    private RelayedHttp(Process process) {
        this.process = process;
        this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts the relay behind {@code prefix}; its calls send {@code Authorization: Bearer token}. */
    public static RelayedHttp start(List<String> prefix, String token) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(
                AgentProcess.javaBinary(),
                "-cp",
                System.getProperty("java.class.path"),
                RelayedHttp.class.getName(),
                token));
        return new RelayedHttp(new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start());
    }

    public synchronized Response send(String method, String url, @org.jspecify.annotations.Nullable String body)
            throws IOException {
        ObjectNode req = Json.mapper().createObjectNode().put("method", method).put("url", url);
        if (body != null) {
            req.put("body", body);
        }
        in.write(Json.mapper().writeValueAsString(req));
        in.newLine();
        in.flush();
        String line = out.readLine();
        if (line == null) {
            throw new IOException("the relay exited");
        }
        JsonNode res = Json.mapper().readTree(line);
        return new Response(res.path("status").asInt(), res.path("body").asText());
    }

    public Response get(String url) throws IOException {
        return send("GET", url, null);
    }

    @Override
    public void close() {
        process.toHandle().destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The relay itself: {@code args[0]} is the token. */
    public static void main(String[] args) throws IOException {
        String token = args[0];
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(3))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = stdin.readLine()) != null) {
            JsonNode req = Json.mapper().readTree(line);
            ObjectNode res = Json.mapper().createObjectNode();
            try {
                JsonNode body = req.get("body");
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(req.path("url").asText()))
                                .timeout(Duration.ofSeconds(10))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .method(
                                        req.path("method").asText(),
                                        body == null
                                                ? HttpRequest.BodyPublishers.noBody()
                                                : HttpRequest.BodyPublishers.ofString(body.asText()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                res.put("status", r.statusCode()).put("body", r.body());
            } catch (IOException | RuntimeException e) {
                res.put("status", 0).put("body", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            stdout.println(Json.mapper().writeValueAsString(res));
        }
    }
}
