package io.smollama.node.mqtt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last messages received per topic, in memory: at most {@code perTopic} per topic and {@code topics}
 * topics (the least recently written topic is forgotten first), so a chatty broker cannot grow the heap.
 */
final class MessageHistory {

    private record Stamped(long seq, MqttMessage message) {}

    private final int perTopic;
    private final int topics;
    private long seq;
    private final Map<String, Deque<Stamped>> byTopic;

    MessageHistory(int perTopic, int topics) {
        this.perTopic = perTopic;
        this.topics = topics;
        this.byTopic = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<Stamped>> eldest) {
                return size() > MessageHistory.this.topics;
            }
        };
    }

    synchronized void add(MqttMessage m) {
        Deque<Stamped> q = byTopic.computeIfAbsent(m.topic(), t -> new ArrayDeque<>());
        q.addLast(new Stamped(seq++, m));
        while (q.size() > perTopic) {
            q.removeFirst();
        }
    }

    /** Up to {@code limit} messages on topics matching {@code filter}, newest first. */
    synchronized List<MqttMessage> recent(TopicFilter filter, int limit) {
        List<Stamped> hits = new ArrayList<>();
        for (var e : byTopic.entrySet()) {
            if (filter.matches(e.getKey())) {
                hits.addAll(e.getValue());
            }
        }
        return hits.stream()
                .sorted(Comparator.comparingLong(Stamped::seq).reversed())
                .limit(Math.max(0, limit))
                .map(Stamped::message)
                .toList();
    }
}
