package io.smollama.node.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads the one JSON object a model was asked for, repairing what small models typically get wrong:
 * a Markdown code fence or prose around the object, trailing commas, and an answer cut off mid-way (the
 * text is cut after the last complete element of an array and the open brackets are closed, so the
 * complete items survive and the partial one is dropped). Anything else is not guessed at.
 */
final class JsonRepair {

    private static final ObjectMapper LENIENT =
            JsonMapper.builder().enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();
    private static final ObjectMapper STRICT = JsonMapper.builder().build();

    /** What came out: the object, and whether it needed repairing; or why nothing could be read. */
    record Result(Optional<JsonNode> object, boolean repaired, String problem) {}

    private JsonRepair() {}

    static Result parse(String answer) {
        String text = answer.strip();
        int start = text.indexOf('{');
        if (start < 0) {
            return new Result(Optional.empty(), false, "the answer holds no JSON object");
        }
        Scan scan = scan(text, start);
        String candidate;
        boolean repaired = start > 0;
        if (scan.end() >= 0) {
            candidate = text.substring(start, scan.end() + 1);
            repaired |= scan.end() + 1 < text.length();
        } else if (scan.cut() != null) {
            candidate = scan.cut();
            repaired = true;
        } else {
            return new Result(Optional.empty(), false, "the answer is not a complete JSON object");
        }
        try {
            JsonNode node = LENIENT.readTree(candidate);
            if (node == null || !node.isObject()) {
                return new Result(Optional.empty(), false, "the answer is not a JSON object");
            }
            return new Result(Optional.of(node), repaired || !strictlyValid(candidate), "");
        } catch (JsonProcessingException e) {
            return new Result(Optional.empty(), false, "the answer is not valid JSON: " + firstLine(e));
        }
    }

    private static boolean strictlyValid(String json) {
        try {
            STRICT.readTree(json);
            return true;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /**
     * Where the object opened at {@code start} closes ({@code end}, or -1 when it never does), and for a
     * text cut off mid-way the prefix up to the last object completed inside an array with the brackets
     * still open there closed ({@code cut}, or null when no such object exists).
     */
    record Scan(int end, @Nullable String cut) {}

    static Scan scan(String text, int start) {
        Deque<Character> open = new ArrayDeque<>();
        boolean inString = false;
        boolean escaped = false;
        int cutAt = -1;
        String closers = "";
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> inString = true;
                case '{', '[' -> open.push(c);
                case '}', ']' -> {
                    open.pop();
                    if (open.isEmpty()) {
                        return new Scan(i, null);
                    }
                    if (c == '}' && open.peek() == '[') {
                        cutAt = i + 1;
                        closers = closers(open);
                    }
                }
                default -> {}
            }
        }
        return new Scan(-1, cutAt < 0 ? null : text.substring(start, cutAt) + closers);
    }

    private static String closers(Deque<Character> open) {
        StringBuilder b = new StringBuilder();
        for (char c : open) {
            b.append(c == '{' ? '}' : ']');
        }
        return b.toString();
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
