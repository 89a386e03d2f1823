package io.smollama.common;

import org.jspecify.annotations.Nullable;

/** The body of {@code POST /api/chat}: a question, in a session (a new one when {@code sessionId} is null). */
public record ChatRequest(@Nullable String sessionId, String message) {}
