package io.smollama.node.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.smollama.common.ChatEvent;
import io.smollama.common.ChatRequest;
import io.smollama.common.Json;
import io.smollama.node.http.ApiException;
import io.smollama.node.http.JsonHttp;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * {@code POST /api/chat} (the answer as server-sent events: {@code event: <kind>} and
 * {@code data: <ChatEvent JSON>}, flushed one by one, first {@code session}, last {@code done},
 * {@code queued} or {@code error}), {@code GET /api/chat} (sessions) and
 * {@code GET /api/chat/{sessionId}} (a transcript). A request that is wrong is a JSON 4xx before
 * anything streams. Streams through Helidon's response output stream, flushed per event; no SSE
 * module is needed.
 */
public final class ChatHttpService implements HttpService {

    private final ChatService chat;
    private final long maxBodyBytes;

    public ChatHttpService(ChatService chat, long maxBodyBytes) {
        this.chat = chat;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/api/chat", this::ask)
                .get("/api/chat", (req, res) -> JsonHttp.ok(res, chat.sessions()))
                .get("/api/chat/{sessionId}", this::transcript);
    }

    private void transcript(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("sessionId");
        JsonHttp.ok(
                res,
                chat.transcript(id)
                        .orElseThrow(() -> ApiException.notFound(
                                "no chat session '" + id + "' on this node; GET /api/chat lists them")));
    }

    private void ask(ServerRequest req, ServerResponse res) {
        ChatRequest request = parse(JsonHttp.readObject(req, maxBodyBytes));
        String sessionId;
        try {
            sessionId = chat.accept(request);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.create("X-Accel-Buffering"), "no");
        try (OutputStream out = res.outputStream()) {
            chat.ask(sessionId, request.message(), event -> write(out, event));
        } catch (IOException e) {
            // the client closed the stream; the answer was still completed and stored
        }
    }

    private static void write(OutputStream out, ChatEvent event) {
        try {
            String frame = "event: " + event.kind() + "\ndata: " + Json.mapper().writeValueAsString(event) + "\n\n";
            out.write(frame.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ChatRequest parse(JsonNode body) {
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("message") && !f.equals("sessionId")) {
                throw ApiException.badRequest("unknown field '" + f + "': a chat request has message and sessionId");
            }
        }
        JsonNode message = body.get("message");
        if (message == null || !message.isTextual()) {
            throw ApiException.badRequest("'message' is required and must be a string");
        }
        JsonNode session = body.get("sessionId");
        if (session != null && !session.isNull() && !session.isTextual()) {
            throw ApiException.badRequest("'sessionId' must be a string or null");
        }
        return new ChatRequest(session == null || session.isNull() ? null : session.asText(), message.asText());
    }
}
