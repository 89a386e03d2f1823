package io.smollama.desktop.memory;

import io.smollama.common.Memory;
import io.smollama.common.NodeApiException;
import io.smollama.common.NodeClient;
import io.smollama.common.Observation;
import io.smollama.common.RecallHit;
import io.smollama.common.RecallQuery;
import io.smollama.desktop.service.NodeHandle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Runs a memory search against the nodes (blocking: call it through {@code Background}). A search over
 * all nodes goes to the hub when there is one (it holds every node's merged entries); when the hub
 * fails, or there is none, every given node is asked in parallel and the answers are merged by score
 * (by time for a listing), one row per entry. A node that does not answer costs a note, not the search.
 */
final class MemorySearch {

    /** What a search found, and sentences about the parts that did not answer. */
    record Outcome(List<MemoryHit> hits, List<String> notes) {
        Outcome {
            hits = List.copyOf(hits);
            notes = List.copyOf(notes);
        }
    }

    Outcome search(MemoryFilter filter, List<NodeHandle> nodes, @Nullable NodeHandle hub, Instant now) {
        List<String> notes = new ArrayList<>();
        if (filter.node() != null) {
            NodeHandle one = nodes.stream()
                    .filter(n -> n.name().equals(filter.node()))
                    .findFirst()
                    .orElse(null);
            if (one != null) {
                try {
                    return new Outcome(ask(one, filter, now, null), notes);
                } catch (NodeApiException e) {
                    if (hub == null || hub == one) {
                        throw e;
                    }
                    notes.add(one.name() + " did not answer (" + e.getMessage() + "); showing what hub " + hub.name()
                            + " holds of it.");
                }
            } else if (hub == null) {
                throw new NodeApiException(
                        0, "unknown_node", "the console does not know a node named " + filter.node());
            }
            return new Outcome(ask(hub, filter, now, filter.node()), notes);
        }
        if (hub != null) {
            try {
                return new Outcome(ask(hub, filter, now, null), notes);
            } catch (NodeApiException e) {
                notes.add("Hub " + hub.name() + " did not answer (" + e.getMessage() + "); asked each node instead.");
            }
        }
        return fanOut(filter, nodes, now, notes);
    }

    private Outcome fanOut(MemoryFilter filter, List<NodeHandle> nodes, Instant now, List<String> notes) {
        if (nodes.isEmpty()) {
            throw new NodeApiException(0, "no_nodes", "no node is online to search");
        }
        Map<NodeHandle, Future<List<MemoryHit>>> answers = new LinkedHashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (NodeHandle node : nodes) {
                answers.put(node, pool.submit(() -> ask(node, filter, now, null)));
            }
        }
        Map<String, MemoryHit> merged = new LinkedHashMap<>();
        int failed = 0;
        RuntimeException last = null;
        for (Map.Entry<NodeHandle, Future<List<MemoryHit>>> answer : answers.entrySet()) {
            try {
                for (MemoryHit hit : answer.getValue().get()) {
                    merged.merge(hit.key(), hit, (a, b) -> a.score() >= b.score() ? a : b);
                }
            } catch (ExecutionException e) {
                failed++;
                last = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                notes.add(answer.getKey().name() + " did not answer: "
                        + e.getCause().getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NodeApiException("interrupted while searching", e);
            }
        }
        if (failed == nodes.size() && last != null) {
            throw last;
        }
        return new Outcome(ranked(new ArrayList<>(merged.values()), filter), notes);
    }

    /**
     * One node's answer: recall (with similarities) for a query when the console holds the node's token,
     * since {@code POST /api/memory/recall} needs it; otherwise the open {@code GET} lists, which rank by
     * the same hybrid score when given a query and list the newest entries without one.
     */
    private static List<MemoryHit> ask(NodeHandle node, MemoryFilter filter, Instant now, @Nullable String about) {
        NodeClient client = node.client();
        Instant since = filter.period().since(now);
        List<MemoryHit> hits = new ArrayList<>();
        String query = filter.listing() ? null : filter.query();
        if (query != null && node.canWrite()) {
            RecallQuery q = new RecallQuery(
                    filter.query(), filter.limit(), filter.kinds().wire(), filter.type(), since, about, false);
            for (RecallHit hit : client.recall(q)) {
                hits.add(MemoryHit.of(hit, node.name()));
            }
            return ranked(hits, filter);
        }
        if (filter.kinds().observations()) {
            for (Observation o : client.observations(query, filter.limit(), filter.type(), since)) {
                if (about == null || about.equals(o.node())) {
                    hits.add(MemoryHit.of(o, node.name()));
                }
            }
        }
        if (filter.kinds().memories() && filter.type() == null) {
            for (Memory m : client.memories(query, filter.limit())) {
                if ((since == null || !m.updatedAt().isBefore(since)) && (about == null || about.equals(m.node()))) {
                    hits.add(MemoryHit.of(m, node.name()));
                }
            }
        }
        return ranked(hits, filter);
    }

    private static List<MemoryHit> ranked(List<MemoryHit> hits, MemoryFilter filter) {
        Comparator<MemoryHit> order = filter.listing()
                ? Comparator.comparing(MemoryHit::at).reversed()
                : Comparator.comparingDouble(MemoryHit::score)
                        .reversed()
                        .thenComparing(MemoryHit::at, Comparator.reverseOrder());
        return hits.stream().sorted(order).limit(filter.limit()).toList();
    }
}
