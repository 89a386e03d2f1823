package io.smollama.node.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smollama.common.Json;
import io.smollama.common.Memory;
import io.smollama.common.Observation;
import io.smollama.common.RecallHit;
import io.smollama.common.RecallQuery;
import io.smollama.node.agent.AgentTool;
import io.smollama.node.agent.ToolParameter;
import io.smollama.node.memory.MemoryBook;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The agent tool {@code cross_node_recall(query, node?, type?, limit?)}: searches the memory of the whole cluster.
 * On a hub that is its own merged store (every node's observations and memories, synced there); on another node it
 * asks the hub's {@code POST /api/memory/recall}. When no hub is known or the hub cannot answer, it searches this
 * node's store and says in the result that only this node was searched. Every hit names its node.
 */
final class CrossNodeRecall implements AgentTool {

    static final int DEFAULT_LIMIT = 5;
    private static final JavaType HITS =
            Json.mapper().getTypeFactory().constructType(new TypeReference<List<RecallHit>>() {});

    private final String self;
    private final boolean hub;
    private final MemoryBook local;
    private final Supplier<Optional<URI>> hubUrl;
    private final PeerClient peers;

    CrossNodeRecall(String self, boolean hub, MemoryBook local, Supplier<Optional<URI>> hubUrl, PeerClient peers) {
        this.self = self;
        this.hub = hub;
        this.local = local;
        this.hubUrl = hubUrl;
        this.peers = peers;
    }

    @Override
    public String name() {
        return "cross_node_recall";
    }

    @Override
    public String description() {
        return "Searches the memories (facts) and observations of every node in the cluster, by meaning and keywords,"
                + " through the hub's merged memory; returns the most relevant first, each with the node it comes"
                + " from. Use it for what other nodes noticed or know; use recall for this node alone.";
    }

    @Override
    public List<ToolParameter> parameters() {
        return List.of(
                ToolParameter.string("query", "What to look for, in plain words", true),
                ToolParameter.string("node", "Only this node's items (its name, e.g. greenhouse-2)", false),
                ToolParameter.oneOf(
                        "type",
                        "Only observations of this type (leaves memories out)",
                        false,
                        List.copyOf(new TreeSet<>(Observation.TYPES))),
                ToolParameter.integer("limit", "How many results (default 5)", false, 1, 20));
    }

    @Override
    public String execute(JsonNode args) throws Exception {
        String node = args.hasNonNull("node") ? args.get("node").asText().strip() : null;
        RecallQuery q = new RecallQuery(
                args.get("query").asText(),
                args.hasNonNull("limit") ? args.get("limit").asInt() : DEFAULT_LIMIT,
                Set.of(),
                args.hasNonNull("type") ? args.get("type").asText() : null,
                null,
                node == null || node.isEmpty() ? null : node,
                false);
        if (hub) {
            return result("the merged memory of every node, on this hub (" + self + ")", local.recall(q));
        }
        Optional<URI> target = hubUrl.get();
        if (target.isEmpty()) {
            return result(
                    "only this node (" + self + "): no hub is known, so other nodes' memories were not searched",
                    local.recall(q));
        }
        PeerClient.Answer<List<RecallHit>> a = peers.<List<RecallHit>>post(target.get(), "/api/memory/recall", q, HITS)
                .join();
        if (a.value() == null) {
            String why = a.error() == null ? "no answer" : a.error().message();
            return result(
                    "only this node (" + self + "): the hub could not be asked (" + why
                            + "), so other nodes' memories were not searched",
                    local.recall(q));
        }
        return result("the hub's merged memory of every node (" + target.get() + ")", a.value());
    }

    private static String result(String searched, List<RecallHit> hits) throws Exception {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("searched", searched);
        ArrayNode list = out.putArray("hits");
        for (RecallHit h : hits) {
            ObjectNode o = list.addObject();
            o.put("kind", h.kind());
            o.put("score", Math.round(h.score() * 1000) / 1000.0);
            if (h.memory() != null) {
                Memory m = h.memory();
                o.put("node", m.node()).put("id", m.id()).put("fact", m.fact());
                o.put("confidence", m.confidence()).put("updated", m.updatedAt().toString());
            } else if (h.observation() != null) {
                Observation ob = h.observation();
                o.put("node", ob.node()).put("id", ob.id()).put("type", ob.type());
                o.put("text", ob.text()).put("time", ob.createdAt().toString());
            }
        }
        if (hits.isEmpty()) {
            out.put("note", "nothing found");
        }
        return Json.mapper().writeValueAsString(out);
    }
}
