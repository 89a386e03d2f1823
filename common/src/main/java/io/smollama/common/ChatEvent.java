package io.smollama.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One step of a streamed chat answer, sent as a server-sent event on {@code POST /api/chat}
 * (the SSE event name is {@code kind}) and as the {@code data} of a WebSocket {@code chat} event.
 * Kinds, in order of appearance:
 * <ul>
 *   <li>{@code session} — the session id ({@code sessionId}) the answer belongs to;
 *   <li>{@code token} — a piece of the answer ({@code text});
 *   <li>{@code tool_call} — the model called {@code tool} with {@code arguments} (JSON text);
 *   <li>{@code tool_result} — {@code tool} returned {@code text} ({@code error} true when it failed);
 *   <li>{@code queued} — the LLM is unreachable and the question was queued ({@code text} says so);
 *   <li>{@code done} — the whole answer is {@code text};
 *   <li>{@code error} — the answer failed; {@code code} and {@code text} say why. Always last.
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatEvent(
        String sessionId,
        String kind,
        @Nullable String text,
        @Nullable String tool,
        @Nullable String arguments,
        @Nullable String code,
        boolean error) {

    public static ChatEvent session(String sessionId) {
        return new ChatEvent(sessionId, "session", null, null, null, null, false);
    }

    public static ChatEvent token(String sessionId, String text) {
        return new ChatEvent(sessionId, "token", text, null, null, null, false);
    }

    public static ChatEvent toolCall(String sessionId, String tool, String arguments) {
        return new ChatEvent(sessionId, "tool_call", null, tool, arguments, null, false);
    }

    public static ChatEvent toolResult(String sessionId, String tool, String result, boolean error) {
        return new ChatEvent(sessionId, "tool_result", result, tool, null, null, error);
    }

    public static ChatEvent queued(String sessionId, String message) {
        return new ChatEvent(sessionId, "queued", message, null, null, null, false);
    }

    public static ChatEvent done(String sessionId, String answer) {
        return new ChatEvent(sessionId, "done", answer, null, null, null, false);
    }

    public static ChatEvent failed(String sessionId, String code, String message) {
        return new ChatEvent(sessionId, "error", message, null, null, code, true);
    }

    /** True for the last event of an answer ({@code done}, {@code queued} or {@code error}). */
    public boolean terminal() {
        return kind.equals("done") || kind.equals("error") || kind.equals("queued");
    }
}
