package io.smollama.common;

import java.time.Instant;

/** A chat session as listed by {@code GET /api/chat}: its id, a title (the first question), and its size. */
public record ChatSession(String id, String title, Instant createdAt, Instant updatedAt, int messageCount) {}
