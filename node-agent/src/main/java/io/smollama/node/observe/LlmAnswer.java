package io.smollama.node.observe;

import com.fasterxml.jackson.databind.JsonNode;
import io.smollama.common.Observation;
import io.smollama.node.memory.ObservationDraft;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The validated content of the model's answer {@code {observations:[…], memories:[…]}}. Items are
 * checked one by one and a bad item is dropped (and named in {@code rejected}) without losing the good
 * ones:
 *
 * <ul>
 *   <li>{@code text} / {@code fact}: a non-empty string, at most {@value #MAX_TEXT} characters (longer
 *       is rejected, not cut);
 *   <li>{@code type}: one of {@link Observation#TYPES} (case-insensitive); missing means {@code general},
 *       anything else rejects the item;
 *   <li>{@code confidence}: a number in 0..1 is taken as it is; one just above 1 (below 2) is clamped to
 *       1; one in [2, 100] (or a string like {@code "85%"}) is read as a percentage; missing means 0.5;
 *       anything else (negative, above 100, not a number) rejects the item;
 *   <li>{@code related_sources}: kept only when they name a known source, either in full ({@code
 *       system:cpu_temp}) or by an id that only one known source has ({@code cpu_temp}); unknown ones are
 *       dropped, the item kept.
 * </ul>
 *
 * An answer with neither an {@code observations} nor a {@code memories} array is not an answer at all.
 */
record LlmAnswer(List<ObservationDraft> observations, List<Fact> memories, List<String> rejected) {

    static final int MAX_TEXT = 1000;
    static final String SOURCE = "llm";

    /** A memory the model proposed. */
    record Fact(String fact, double confidence) {}

    /** The validated answer, or empty when the object has neither array. */
    static Optional<LlmAnswer> from(JsonNode root, Collection<String> knownSources) {
        JsonNode obs = root.get("observations");
        JsonNode mems = root.get("memories");
        boolean hasObs = obs != null && obs.isArray();
        boolean hasMems = mems != null && mems.isArray();
        if (!hasObs && !hasMems) {
            return Optional.empty();
        }
        List<ObservationDraft> observations = new ArrayList<>();
        List<Fact> memories = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        if (hasObs) {
            for (JsonNode item : obs) {
                String problem = observation(item, knownSources, observations);
                if (problem != null) {
                    rejected.add("observation " + abbreviate(item) + ": " + problem);
                }
            }
        }
        if (hasMems) {
            for (JsonNode item : mems) {
                String problem = memory(item, memories);
                if (problem != null) {
                    rejected.add("memory " + abbreviate(item) + ": " + problem);
                }
            }
        }
        return Optional.of(new LlmAnswer(observations, memories, rejected));
    }

    private static @Nullable String observation(JsonNode item, Collection<String> known, List<ObservationDraft> out) {
        if (!item.isObject()) {
            return "not an object";
        }
        String text = text(item.get("text"));
        if (text == null) {
            return "text missing or empty";
        }
        if (text.length() > MAX_TEXT) {
            return "text longer than " + MAX_TEXT + " characters";
        }
        JsonNode typeNode = item.get("type");
        String type = typeNode == null || typeNode.isNull()
                ? "general"
                : typeNode.asText("").strip().toLowerCase(Locale.ROOT);
        if (!Observation.TYPES.contains(type)) {
            return "type must be one of " + Observation.TYPES;
        }
        Double confidence = confidence(item.get("confidence"));
        if (confidence == null) {
            return "confidence must be a number within 0..1 (or a percentage)";
        }
        out.add(new ObservationDraft(type, text, confidence, sources(item.get("related_sources"), known), SOURCE));
        return null;
    }

    private static @Nullable String memory(JsonNode item, List<Fact> out) {
        if (!item.isObject()) {
            return "not an object";
        }
        String fact = text(item.get("fact"));
        if (fact == null) {
            return "fact missing or empty";
        }
        if (fact.length() > MAX_TEXT) {
            return "fact longer than " + MAX_TEXT + " characters";
        }
        Double confidence = confidence(item.get("confidence"));
        if (confidence == null) {
            return "confidence must be a number within 0..1 (or a percentage)";
        }
        out.add(new Fact(fact, confidence));
        return null;
    }

    private static @Nullable String text(@Nullable JsonNode node) {
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            return null;
        }
        return node.asText().strip();
    }

    private static @Nullable Double confidence(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return 0.5;
        }
        double c;
        if (node.isNumber()) {
            c = node.asDouble();
        } else if (node.isTextual()) {
            try {
                c = Double.parseDouble(node.asText().strip().replace("%", ""));
            } catch (NumberFormatException e) {
                return null;
            }
            if (node.asText().contains("%")) {
                c /= 100;
            }
        } else {
            return null;
        }
        if (Double.isNaN(c) || c < 0 || c > 100) {
            return null;
        }
        return c <= 1 ? c : c < 2 ? 1.0 : c / 100;
    }

    private static List<String> sources(@Nullable JsonNode node, Collection<String> known) {
        if (node == null || !node.isArray()) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode n : node) {
            String s = n.isTextual() ? n.asText().strip() : "";
            if (known.contains(s)) {
                out.add(s);
                continue;
            }
            List<String> byId = known.stream().filter(k -> k.endsWith(":" + s)).toList();
            if (!s.isEmpty() && byId.size() == 1) {
                out.add(byId.getFirst());
            }
        }
        return List.copyOf(out);
    }

    private static String abbreviate(JsonNode item) {
        String s = item.toString();
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
