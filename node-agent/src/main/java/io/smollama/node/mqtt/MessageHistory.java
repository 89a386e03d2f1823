package io.smollama.node.mqtt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last messages received per topic, in memory: at most {@code perTopic} per topic, {@code topics} topics
 * and {@code maxChars} payload characters in all (the least recently written topic loses its oldest messages
 * first), so a chatty broker cannot grow the heap of a small Pi.
 */
final class MessageHistory {

    private record Stamped(long seq, MqttMessage message) {}

    private final int perTopic;
    private final int topics;
    private final long maxChars;
    private long chars;
    private long seq;
    private final Map<String, Deque<Stamped>> byTopic;

    MessageHistory(int perTopic, int topics, long maxChars) {
        this.perTopic = perTopic;
        this.topics = topics;
        this.maxChars = maxChars;
        this.byTopic = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<Stamped>> eldest) {
                if (size() <= MessageHistory.this.topics) {
                    return false;
                }
                eldest.getValue().forEach(st -> chars -= st.message().payload().length());
                return true;
            }
        };
    }

    synchronized void add(MqttMessage m) {
        Deque<Stamped> q = byTopic.computeIfAbsent(m.topic(), t -> new ArrayDeque<>());
        q.addLast(new Stamped(seq++, m));
        chars += m.payload().length();
        while (q.size() > perTopic) {
            chars -= q.removeFirst().message().payload().length();
        }
        var topicsOldestFirst = byTopic.values().iterator();
        while (chars > maxChars && topicsOldestFirst.hasNext()) {
            Deque<Stamped> oldest = topicsOldestFirst.next();
            while (chars > maxChars && !oldest.isEmpty()) {
                chars -= oldest.removeFirst().message().payload().length();
            }
            if (oldest.isEmpty()) {
                topicsOldestFirst.remove();
            }
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
