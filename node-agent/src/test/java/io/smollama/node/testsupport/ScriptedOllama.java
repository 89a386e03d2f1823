package io.smollama.node.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.smollama.common.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A loopback HTTP server that speaks Ollama's real protocol, driven by a script, for tests that run
 * the real LangChain4j client (Ollama itself cannot run here).
 *
 * <ul>
 *   <li>{@code POST /api/chat}: streamed NDJSON chunks ({@code "stream"} absent or true) or one JSON
 *       object ({@code "stream": false}); text answers are streamed word by word, tool calls arrive
 *       in {@code message.tool_calls}; {@code format: json} is recorded and the scripted text is
 *       returned as it is (so a test can feed malformed JSON). A model not in {@link #models} gets
 *       Ollama's 404 {@code model "x" not found}.
 *   <li>{@code GET /api/tags}: the {@link #models}; {@code POST /api/pull}: progress lines, then the
 *       model is present; {@code POST /api/show}: details with capabilities.
 *   <li>{@code POST /api/embed}: a deterministic unit vector per input (hash-seeded, 384
 *       dimensions) — stable, but not semantic.
 * </ul>
 *
 * <p>Script: {@link #reply} queues an answer for the next chat call; {@link #replyWhen} answers
 * calls whose last message matches (e.g. {@link #lastMessageContains}); rules are tried in the
 * order given and a one-shot rule is used up when it answers. A call nothing matches gets a 500 that
 * names its last message. {@link #down()} closes the port (connection refused) and {@link #up()}
 * opens it again on the same port. Every request is recorded ({@link #requests()}).
 */
public final class ScriptedOllama implements AutoCloseable {

    public static final String CHAT_MODEL = "llama3.2:3b";
    public static final String EMBEDDING_MODEL = "all-minilm:l6-v2";
    public static final int EMBEDDING_DIMENSIONS = 384;

    /** A request as it arrived. */
    public record Recorded(String method, String path, JsonNode body) {}

    /** What a chat call answers. */
    public sealed interface Reply {
        /** An assistant message with this text (streamed word by word). */
        record Text(String text) implements Reply {}

        /** An assistant message calling tools. */
        record ToolCalls(List<Call> calls) implements Reply {}

        /** An HTTP error with Ollama's body {@code {"error": message}}. */
        record Failure(int status, String message) implements Reply {}

        /** One tool call: the function name and its arguments as a JSON object text. */
        record Call(String name, String arguments) {}
    }

    public static Reply text(String text) {
        return new Reply.Text(text);
    }

    public static Reply toolCall(String name, String argumentsJson) {
        return new Reply.ToolCalls(List.of(new Reply.Call(name, argumentsJson)));
    }

    public static Reply toolCalls(Reply.Call... calls) {
        return new Reply.ToolCalls(List.of(calls));
    }

    public static Reply failure(int status, String message) {
        return new Reply.Failure(status, message);
    }

    /** Matches a chat request whose last message contains {@code text} (ignoring case). */
    public static Predicate<JsonNode> lastMessageContains(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return req -> lastMessage(req)
                .path("content")
                .asText()
                .toLowerCase(Locale.ROOT)
                .contains(t);
    }

    /** Matches a chat request whose last message is a tool result. */
    public static Predicate<JsonNode> lastMessageIsToolResult() {
        return req -> lastMessage(req).path("role").asText().equals("tool");
    }

    /** The last message of a recorded chat request body. */
    public static JsonNode lastMessage(JsonNode chatRequest) {
        JsonNode messages = chatRequest.path("messages");
        return messages.isArray() && !messages.isEmpty()
                ? messages.get(messages.size() - 1)
                : Json.mapper().createObjectNode();
    }

    private record Rule(Predicate<JsonNode> matches, Reply reply, boolean once) {}

    private final List<Rule> rules = Collections.synchronizedList(new ArrayList<>());
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final List<String> models = new CopyOnWriteArrayList<>(List.of(CHAT_MODEL, EMBEDDING_MODEL));
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "scripted-ollama");
        t.setDaemon(true);
        return t;
    });
    private final int port;
    private volatile Duration tokenDelay = Duration.ZERO;
    private volatile java.util.concurrent.@Nullable CountDownLatch hold;
    private volatile boolean holdTimedOut;
    private @Nullable HttpServer server;

    private ScriptedOllama(HttpServer server) {
        this.server = server;
        this.port = server.getAddress().getPort();
    }

    /** Starts on a free loopback port with {@link #CHAT_MODEL} and {@link #EMBEDDING_MODEL} present. */
    public static ScriptedOllama start() throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ScriptedOllama o = new ScriptedOllama(s);
        o.serve(s);
        return o;
    }

    private void serve(HttpServer s) {
        s.createContext("/", this::handle);
        s.setExecutor(executor);
        s.start();
    }

    /** The base URL, for {@code ollama.url}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Replaces the models {@code /api/tags} lists (and that chat and embed accept). */
    public ScriptedOllama models(String... names) {
        models.clear();
        models.addAll(List.of(names));
        return this;
    }

    /** Queues {@code reply} for the next chat call, whatever it asks. */
    public ScriptedOllama reply(Reply reply) {
        rules.add(new Rule(req -> true, reply, true));
        return this;
    }

    /** Answers the next chat call whose request matches with {@code reply}, once. */
    public ScriptedOllama replyWhen(Predicate<JsonNode> chatRequest, Reply reply) {
        rules.add(new Rule(chatRequest, reply, true));
        return this;
    }

    /** Answers every chat call whose request matches with {@code reply}. */
    public ScriptedOllama alwaysReplyWhen(Predicate<JsonNode> chatRequest, Reply reply) {
        rules.add(new Rule(chatRequest, reply, false));
        return this;
    }

    /** Waits this long between streamed chunks (default none). */
    public ScriptedOllama tokenDelay(Duration delay) {
        this.tokenDelay = delay;
        return this;
    }

    /**
     * Makes streamed answers stop before their last chunk until {@code release} opens (10 s at most;
     * {@link #holdTimedOut()} tells whether it had to give up), so a test can see what a client got
     * while the stream was still open.
     */
    public ScriptedOllama holdStreams(java.util.concurrent.CountDownLatch release) {
        this.hold = release;
        return this;
    }

    /** True when a held stream went on because nobody released it within 10 s. */
    public boolean holdTimedOut() {
        return holdTimedOut;
    }

    /** Closes the port: clients get "connection refused" until {@link #up()}. */
    public synchronized ScriptedOllama down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        return this;
    }

    /** Opens the port again (the same port) after {@link #down()}. */
    public synchronized ScriptedOllama up() throws IOException {
        if (server == null) {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            serve(s);
            server = s;
        }
        return this;
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /** The bodies of the {@code /api/chat} requests so far. */
    public List<JsonNode> chatRequests() {
        return requests.stream()
                .filter(r -> r.path().equals("/api/chat"))
                .map(Recorded::body)
                .toList();
    }

    /** How many scripted replies have not been used yet. */
    public int pendingReplies() {
        synchronized (rules) {
            return (int) rules.stream().filter(Rule::once).count();
        }
    }

    @Override
    public synchronized void close() {
        down();
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            byte[] raw = ex.getRequestBody().readAllBytes();
            JsonNode body = raw.length == 0
                    ? Json.mapper().createObjectNode()
                    : Json.mapper().readTree(raw);
            requests.add(new Recorded(ex.getRequestMethod(), path, body));
            switch (path) {
                case "/api/chat" -> chat(ex, body);
                case "/api/tags" -> json(ex, 200, tags());
                case "/api/embed" -> embed(ex, body);
                case "/api/pull" -> pull(ex, body);
                case "/api/show" -> show(ex, body);
                case "/api/version" ->
                    json(ex, 200, Json.mapper().createObjectNode().put("version", "0.12.6"));
                default -> error(ex, 404, "404 page not found");
            }
        } catch (RuntimeException e) {
            error(ex, 500, String.valueOf(e));
        }
    }

    private void chat(HttpExchange ex, JsonNode req) throws IOException {
        String model = req.path("model").asText();
        if (!models.contains(model)) {
            error(ex, 404, "model \"" + model + "\" not found, try pulling it first");
            return;
        }
        Reply reply = null;
        synchronized (rules) {
            for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
                Rule r = it.next();
                if (r.matches().test(req)) {
                    reply = r.reply();
                    if (r.once()) {
                        it.remove();
                    }
                    break;
                }
            }
        }
        if (reply == null) {
            error(ex, 500, "ScriptedOllama has no reply for: " + lastMessage(req));
            return;
        }
        boolean stream = !req.has("stream") || req.get("stream").asBoolean(true);
        switch (reply) {
            case Reply.Failure f -> error(ex, f.status(), f.message());
            case Reply.Text t -> {
                if (stream) {
                    List<ObjectNode> chunks = new ArrayList<>();
                    for (String piece : t.text().split("(?<=\\s)")) {
                        chunks.add(chunk(model, message(piece), false));
                    }
                    chunks.add(finalChunk(model, message("")));
                    ndjson(ex, chunks);
                } else {
                    json(ex, 200, finalChunk(model, message(t.text())));
                }
            }
            case Reply.ToolCalls c -> {
                ObjectNode msg = message("");
                ArrayNode calls = msg.putArray("tool_calls");
                int i = 0;
                for (Reply.Call call : c.calls()) {
                    ObjectNode tc = calls.addObject();
                    tc.put("id", "call_" + Integer.toHexString(call.hashCode()) + i);
                    ObjectNode fn = tc.putObject("function");
                    fn.put("index", i++);
                    fn.put("name", call.name());
                    fn.set("arguments", Json.mapper().readTree(call.arguments()));
                }
                if (stream) {
                    ndjson(ex, List.of(chunk(model, msg, false), finalChunk(model, message(""))));
                } else {
                    json(ex, 200, finalChunk(model, msg));
                }
            }
        }
    }

    private static ObjectNode message(String content) {
        ObjectNode m = Json.mapper().createObjectNode();
        m.put("role", "assistant");
        m.put("content", content);
        return m;
    }

    private static ObjectNode chunk(String model, ObjectNode message, boolean done) {
        ObjectNode c = Json.mapper().createObjectNode();
        c.put("model", model);
        c.put("created_at", Instant.now().toString());
        c.set("message", message);
        c.put("done", done);
        return c;
    }

    private static ObjectNode finalChunk(String model, ObjectNode message) {
        ObjectNode c = chunk(model, message, true);
        c.put("done_reason", "stop");
        c.put("total_duration", 1_000_000L);
        c.put("load_duration", 100_000L);
        c.put("prompt_eval_count", 10);
        c.put("prompt_eval_duration", 100_000L);
        c.put("eval_count", 5);
        c.put("eval_duration", 100_000L);
        return c;
    }

    private ObjectNode tags() {
        ObjectNode o = Json.mapper().createObjectNode();
        ArrayNode list = o.putArray("models");
        for (String m : models) {
            ObjectNode e = list.addObject();
            e.put("name", m);
            e.put("model", m);
            e.put("modified_at", "2026-01-01T00:00:00Z");
            e.put("size", 1_000_000L);
            e.put("digest", "sha256:" + Integer.toHexString(m.hashCode()));
            ObjectNode d = e.putObject("details");
            d.put("format", "gguf");
            d.put("family", "llama");
            d.put("parameter_size", "3B");
            d.put("quantization_level", "Q4_K_M");
        }
        return o;
    }

    private void embed(HttpExchange ex, JsonNode req) throws IOException {
        String model = req.path("model").asText();
        if (!models.contains(model)) {
            error(ex, 404, "model \"" + model + "\" not found, try pulling it first");
            return;
        }
        List<String> inputs = new ArrayList<>();
        JsonNode input = req.path("input");
        if (input.isArray()) {
            input.forEach(n -> inputs.add(n.asText()));
        } else {
            inputs.add(input.asText());
        }
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("model", model);
        ArrayNode all = o.putArray("embeddings");
        for (String text : inputs) {
            ArrayNode v = all.addArray();
            for (double d : vector(text)) {
                v.add(d);
            }
        }
        json(ex, 200, o);
    }

    /** The deterministic unit vector {@code /api/embed} returns for {@code text}. */
    public static double[] vector(String text) {
        java.util.Random random = new java.util.Random(text.hashCode());
        double[] v = new double[EMBEDDING_DIMENSIONS];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian();
            norm += v[i] * v[i];
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < v.length; i++) {
            v[i] /= norm;
        }
        return v;
    }

    private void pull(HttpExchange ex, JsonNode req) throws IOException {
        String model = req.hasNonNull("model")
                ? req.get("model").asText()
                : req.path("name").asText();
        if (model.isBlank() || model.startsWith("missing")) {
            error(ex, 500, "pull model manifest: file does not exist");
            return;
        }
        List<ObjectNode> lines = new ArrayList<>();
        lines.add(Json.mapper().createObjectNode().put("status", "pulling manifest"));
        for (long done : new long[] {0, 50, 100}) {
            lines.add(Json.mapper()
                    .createObjectNode()
                    .put("status", "pulling 6a0746a1ec1a")
                    .put("digest", "sha256:6a0746a1ec1a")
                    .put("total", 100)
                    .put("completed", done));
        }
        lines.add(Json.mapper().createObjectNode().put("status", "verifying sha256 digest"));
        lines.add(Json.mapper().createObjectNode().put("status", "writing manifest"));
        lines.add(Json.mapper().createObjectNode().put("status", "success"));
        if (!models.contains(model)) {
            models.add(model);
        }
        ndjson(ex, lines);
    }

    private void show(HttpExchange ex, JsonNode req) throws IOException {
        String model = req.hasNonNull("model")
                ? req.get("model").asText()
                : req.path("name").asText();
        if (!models.contains(model)) {
            error(ex, 404, "model '" + model + "' not found");
            return;
        }
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("modelfile", "FROM " + model);
        o.put("parameters", "");
        o.put("template", "{{ .Prompt }}");
        ObjectNode d = o.putObject("details");
        d.put("format", "gguf");
        d.put("family", "llama");
        o.putObject("model_info");
        ArrayNode caps = o.putArray("capabilities");
        caps.add("completion");
        caps.add("tools");
        json(ex, 200, o);
    }

    private void ndjson(HttpExchange ex, List<ObjectNode> lines) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/x-ndjson");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        for (int i = 0; i < lines.size(); i++) {
            ObjectNode line = lines.get(i);
            var gate = hold;
            if (gate != null && i == lines.size() - 1 && lines.size() > 1) {
                try {
                    holdTimedOut |= !gate.await(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            out.write((line.toString() + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (!tokenDelay.isZero()) {
                try {
                    Thread.sleep(tokenDelay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void json(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static void error(HttpExchange ex, int status, String message) throws IOException {
        json(ex, status, Json.mapper().createObjectNode().put("error", message));
    }
}
