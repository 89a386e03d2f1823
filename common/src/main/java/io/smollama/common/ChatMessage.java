package io.smollama.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One message of a chat session. {@code role} is {@code user}, {@code assistant} or {@code tool};
 * a tool message names the {@code tool} and holds its result (or error) as {@code content}, with the
 * call's {@code arguments} as JSON text.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatMessage(
        String role,
        String content,
        @Nullable String tool,
        @Nullable String arguments,
        Instant createdAt) {}
