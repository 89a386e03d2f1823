package io.smollama.node.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.smollama.common.Json;
import io.smollama.common.Memory;
import io.smollama.common.Observation;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Export and import as JSON lines: {@code {"kind":"observation","observation":{...}}} or
 * {@code {"kind":"memory","memory":{...}}}, one per line. Import keeps ids, nodes and times and skips ids
 * already present, so it is idempotent; it stores {@value #CHUNK} lines per transaction, so on a malformed
 * line the lines before it are kept (importing the fixed file again is safe).
 */
final class MemoryTransfer {

    static final int CHUNK = 500;

    private MemoryTransfer() {}

    record Result(int imported, int skipped) {}

    /** A line that is not an exported item. */
    static final class BadLine extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadLine(String message) {
            super(message);
        }
    }

    static Map<String, Object> line(Object item) {
        Map<String, Object> line = new LinkedHashMap<>();
        if (item instanceof Observation o) {
            line.put("kind", "observation");
            line.put("observation", o);
        } else if (item instanceof Memory m) {
            line.put("kind", "memory");
            line.put("memory", m);
        } else {
            throw new IllegalArgumentException("cannot export " + item.getClass());
        }
        return line;
    }

    static Result importLines(BufferedReader in, MemoryStore store) throws IOException {
        List<Observation> observations = new ArrayList<>();
        List<Memory> memories = new ArrayList<>();
        int imported = 0;
        int seen = 0;
        int lineNo = 0;
        String text;
        while ((text = in.readLine()) != null) {
            lineNo++;
            if (text.isBlank()) {
                continue;
            }
            parse(text, lineNo, imported, observations, memories);
            seen++;
            if (observations.size() + memories.size() >= CHUNK) {
                imported += store.importItems(observations, memories);
                observations.clear();
                memories.clear();
            }
        }
        imported += store.importItems(observations, memories);
        return new Result(imported, seen - imported);
    }

    private static void parse(
            String text, int lineNo, int importedSoFar, List<Observation> observations, List<Memory> memories) {
        try {
            JsonNode node = Json.mapper().readTree(text);
            String kind = node.path("kind").asText();
            switch (kind) {
                case "observation" ->
                    observations.add(
                            Json.mapper().treeToValue(required(node, "observation", lineNo), Observation.class));
                case "memory" ->
                    memories.add(Json.mapper().treeToValue(required(node, "memory", lineNo), Memory.class));
                default ->
                    throw new BadLine("line " + lineNo + ": 'kind' must be observation or memory, got '" + kind + "'"
                            + kept(importedSoFar));
            }
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            String why = cause instanceof JsonProcessingException j ? j.getOriginalMessage() : cause.getMessage();
            throw new BadLine("line " + lineNo + " is not an exported item: " + why + kept(importedSoFar));
        }
    }

    private static JsonNode required(JsonNode node, String field, int lineNo) {
        JsonNode v = node.get(field);
        if (v == null || !v.isObject()) {
            throw new BadLine("line " + lineNo + ": field '" + field + "' must be an object");
        }
        return v;
    }

    private static String kept(int imported) {
        return imported == 0 ? "" : " (" + imported + " items before it were imported; importing again is safe)";
    }
}
