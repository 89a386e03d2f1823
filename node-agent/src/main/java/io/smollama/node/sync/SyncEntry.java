package io.smollama.node.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smollama.common.Json;
import io.smollama.common.Memory;
import io.smollama.common.Observation;
import io.smollama.node.config.NodeSchema;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.UUID;

/**
 * One entry of the CRDT log, exactly as it travels: {@code {"id", "origin", "seq", "lamport", "type",
 * "payload", "createdAt"}}. {@code seq} counts the origin's own entries from 1 without gaps; {@code lamport}
 * orders changes of one item across nodes (last writer wins by {@code (lamport, origin)}).
 */
public record SyncEntry(
        String id, String origin, long seq, long lamport, String type, JsonNode payload, Instant createdAt) {

    public SyncEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** What the entry changes, parsed from its payload. */
    sealed interface Change permits ObservationState, MemoryState, Forget, Remove {
        String itemId();
    }

    record ObservationState(Observation observation) implements Change {
        @Override
        public String itemId() {
            return observation.id();
        }
    }

    record MemoryState(Memory memory) implements Change {
        @Override
        public String itemId() {
            return memory.id();
        }
    }

    /** A memory forgotten at {@code at}. */
    record Forget(String itemId, Instant at) implements Change {}

    /** An observation removed at {@code at}. */
    record Remove(String itemId, Instant at) implements Change {}

    /** Thrown for an entry that does not match the contract; names the field. */
    static final class InvalidEntryException extends RuntimeException {
        private final String field;

        InvalidEntryException(String field, String message) {
            super(field + ": " + message, null, false, false);
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    /** Parses the payload (validated when the entry was read, so this does not fail for a stored entry). */
    Change change() {
        EntryType t = EntryType.of(type).orElseThrow(() -> new InvalidEntryException("type", "unknown: " + type));
        try {
            return switch (t) {
                case OBSERVATION -> new ObservationState(Json.mapper().treeToValue(payload, Observation.class));
                case MEMORY -> new MemoryState(Json.mapper().treeToValue(payload, Memory.class));
                case FORGET -> new Forget(text(payload, "id"), instant(payload, "at"));
                case REMOVE -> new Remove(text(payload, "id"), instant(payload, "at"));
            };
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String msg = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException iae && cause.getMessage() != null) {
                msg = iae.getMessage();
            }
            throw new InvalidEntryException("payload", "not a valid " + t.word() + " payload: " + msg);
        }
    }

    /** A new local entry. */
    static SyncEntry local(String origin, long seq, long lamport, EntryType type, JsonNode payload, Instant at) {
        return new SyncEntry(UUID.randomUUID().toString(), origin, seq, lamport, type.word(), payload, at);
    }

    /** The payload of a forget or remove. */
    static ObjectNode tombstone(String id, Instant at) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("id", id);
        n.put("at", at.toString());
        return n;
    }

    /**
     * Reads and validates an entry from its JSON form.
     *
     * @throws InvalidEntryException naming the field that is missing or wrong
     */
    static SyncEntry fromJson(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new InvalidEntryException("entry", "expected a JSON object");
        }
        String id = text(n, "id");
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidEntryException("id", "expected a UUID, got '" + id + "'");
        }
        String origin = text(n, "origin");
        if (!origin.matches(NodeSchema.NODE_NAME)) {
            throw new InvalidEntryException(
                    "origin", "expected a node name (lower-case letters, digits, inner '-'), got '" + origin + "'");
        }
        long seq = positive(n, "seq");
        long lamport = positive(n, "lamport");
        String type = text(n, "type");
        if (EntryType.of(type).isEmpty()) {
            throw new InvalidEntryException(
                    "type", "expected observation, memory, forget or remove, got '" + type + "'");
        }
        JsonNode payload = n.get("payload");
        if (payload == null || !payload.isObject()) {
            throw new InvalidEntryException("payload", "expected a JSON object");
        }
        SyncEntry e = new SyncEntry(id, origin, seq, lamport, type, payload, instant(n, "createdAt"));
        e.change(); // validates the payload
        return e;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new InvalidEntryException(field, "expected a non-empty string");
        }
        return v.asText();
    }

    private static long positive(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 1) {
            throw new InvalidEntryException(field, "expected a whole number ≥ 1");
        }
        return v.asLong();
    }

    private static Instant instant(JsonNode n, String field) {
        String s = text(n, field);
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new InvalidEntryException(field, "expected an ISO-8601 UTC instant, got '" + s + "'");
        }
    }
}
