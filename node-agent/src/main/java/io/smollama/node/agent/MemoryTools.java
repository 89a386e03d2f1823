package io.smollama.node.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smollama.common.Json;
import io.smollama.common.Memory;
import io.smollama.common.Observation;
import io.smollama.common.RecallHit;
import io.smollama.common.RecallQuery;
import io.smollama.common.RememberResult;
import io.smollama.node.memory.MemoryBook;
import io.smollama.node.memory.ObservationDraft;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** The tools over the node's memory: {@code recall}, {@code remember}, {@code forget}, {@code observe}. */
final class MemoryTools {

    private final MemoryBook book;
    private final Supplier<Collection<String>> knownSources;

    /** {@code knownSources} gives the node's source ids ({@code type:id}), which {@code observe} checks. */
    MemoryTools(MemoryBook book, Supplier<Collection<String>> knownSources) {
        this.book = book;
        this.knownSources = knownSources;
    }

    List<AgentTool> tools() {
        return List.of(
                new FunctionTool(
                        "recall",
                        "Searches this node's memories (facts) and observations (what it noticed about its sensors)"
                                + " by meaning and keywords; returns the most relevant first, with their ids.",
                        List.of(
                                ToolParameter.string("query", "What to look for, in plain words", true),
                                ToolParameter.integer("limit", "How many results (default 5)", false, 1, 20),
                                ToolParameter.oneOf(
                                        "kind",
                                        "Only memories or only observations (default both)",
                                        false,
                                        List.of("memory", "observation"))),
                        this::recall),
                new FunctionTool(
                        "remember",
                        "Stores a fact worth keeping (a user preference, a property of the place, a lesson);"
                                + " a near-duplicate of a known fact confirms it instead.",
                        List.of(
                                ToolParameter.string("fact", "The fact, as one self-contained sentence", true),
                                ToolParameter.number(
                                        "confidence", "How sure you are, 0 to 1 (default 0.8)", false, 0.0, 1.0)),
                        this::remember),
                new FunctionTool(
                        "forget",
                        "Deactivates a memory that is wrong or no longer wanted, by its id (from recall).",
                        List.of(ToolParameter.string("memory_id", "The id of the memory", true)),
                        this::forget),
                new FunctionTool(
                        "observe",
                        "Records an observation about the sensors or the place, e.g. a pattern or an anomaly.",
                        List.of(
                                ToolParameter.string("text", "The observation, one or two sentences", true),
                                ToolParameter.oneOf(
                                        "type",
                                        "Its kind (default general)",
                                        false,
                                        List.copyOf(new java.util.TreeSet<>(Observation.TYPES))),
                                ToolParameter.number("confidence", "0 to 1 (default 0.7)", false, 0.0, 1.0),
                                ToolParameter.strings("related_sources", "Source ids (type:id) it is about", false)),
                        this::observe));
    }

    private String recall(JsonNode args) throws Exception {
        int limit = args.hasNonNull("limit") ? args.get("limit").asInt() : 5;
        Set<String> kinds = args.hasNonNull("kind") ? Set.of(args.get("kind").asText()) : Set.of();
        List<RecallHit> hits =
                book.recall(new RecallQuery(args.get("query").asText(), limit, kinds, null, null, null, false));
        ArrayNode out = Json.mapper().createArrayNode();
        for (RecallHit h : hits) {
            ObjectNode o = out.addObject();
            o.put("kind", h.kind());
            o.put("score", Math.round(h.score() * 1000) / 1000.0);
            if (h.memory() != null) {
                Memory m = h.memory();
                o.put("id", m.id()).put("fact", m.fact()).put("confidence", m.confidence());
                o.put("times_confirmed", m.timesConfirmed())
                        .put("updated", m.updatedAt().toString());
            } else if (h.observation() != null) {
                Observation ob = h.observation();
                o.put("id", ob.id()).put("type", ob.type()).put("text", ob.text());
                o.put("time", ob.createdAt().toString());
            }
        }
        return hits.isEmpty() ? "nothing found" : Json.mapper().writeValueAsString(out);
    }

    private String remember(JsonNode args) throws Exception {
        double confidence =
                args.hasNonNull("confidence") ? args.get("confidence").asDouble() : 0.8;
        RememberResult r = book.remember(args.get("fact").asText().strip(), confidence);
        return (r.reinforced() ? "confirmed an existing memory " : "remembered as ")
                + r.memory().id() + ": " + r.memory().fact();
    }

    private String forget(JsonNode args) {
        String id = args.get("memory_id").asText();
        return book.forget(id)
                .map(m -> "forgot memory " + m.id() + ": " + m.fact())
                .orElseThrow(() -> new IllegalArgumentException("there is no memory with id '" + id + "'"));
    }

    private String observe(JsonNode args) {
        List<String> related =
                args.hasNonNull("related_sources") ? relatedSources(args.get("related_sources")) : List.of();
        Observation o = book.observe(new ObservationDraft(
                args.hasNonNull("type") ? args.get("type").asText() : "general",
                args.get("text").asText().strip(),
                args.hasNonNull("confidence") ? args.get("confidence").asDouble() : 0.7,
                related,
                "agent"));
        return "recorded observation " + o.id() + (o.timesSeen() > 1 ? " (seen " + o.timesSeen() + " times)" : "");
    }

    /**
     * The node's sources that {@code related_sources} names: an exact {@code type:id}, or a bare id that
     * only one source has ({@code cpu_temp} for {@code system:cpu_temp}); any other name is an error the
     * model can correct, so an observation never points at a source that does not exist.
     */
    private List<String> relatedSources(JsonNode names) {
        Collection<String> known = knownSources.get();
        Set<String> out = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (JsonNode n : names) {
            String s = n.asText().strip();
            if (known.contains(s)) {
                out.add(s);
                continue;
            }
            List<String> byId = known.stream().filter(k -> k.endsWith(":" + s)).toList();
            if (!s.isEmpty() && !s.contains(":") && byId.size() == 1) {
                out.add(byId.getFirst());
            } else {
                unknown.add("'" + s + "'");
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("related_sources names no source of this node: "
                    + String.join(", ", unknown) + "; call list_sources for the ids (type:id)");
        }
        return List.copyOf(out);
    }
}
