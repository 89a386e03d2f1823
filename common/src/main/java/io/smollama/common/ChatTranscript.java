package io.smollama.common;

import java.util.List;

/** {@code GET /api/chat/{sessionId}}: the session and its messages, oldest first. */
public record ChatTranscript(ChatSession session, List<ChatMessage> messages) {
    public ChatTranscript {
        messages = List.copyOf(messages);
    }
}
