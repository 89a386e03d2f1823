package io.smollama.desktop.service;

import io.smollama.common.NodeApiException;
import io.smollama.common.Reading;
import io.smollama.common.SourceInfo;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * The latest reading of every source of every node, kept current from the WebSocket feeds and
 * re-read from {@code /api/sources} whenever a feed (re)opens, plus a short trail of recent values per
 * source for sparklines. Written from I/O threads, read by view-models on the FX thread (snapshots).
 */
public final class LatestReadings implements NodeFeedListener {

    private static final Logger LOG = Logger.getLogger(LatestReadings.class.getName());
    static final int TRAIL = 120;

    /** One source of one node as last seen. {@code info} is null until the node's source list is read. */
    public record Entry(
            String node,
            String source,
            @Nullable SourceInfo info,
            @Nullable Reading latest,
            double[] trail) {
        public String key() {
            return SeriesKey.of(node, source);
        }

        public @Nullable String unit() {
            if (latest != null && latest.unit() != null) {
                return latest.unit();
            }
            return info == null ? null : info.unit();
        }
    }

    private static final class Slot {
        final String node;
        final String source;
        volatile @Nullable SourceInfo info;
        volatile @Nullable Reading latest;
        final Deque<Double> trail = new ArrayDeque<>();

        Slot(String node, String source) {
            this.node = node;
            this.source = source;
        }

        synchronized Entry entry() {
            return new Entry(
                    node,
                    source,
                    info,
                    latest,
                    trail.stream().mapToDouble(Double::doubleValue).toArray());
        }

        synchronized void offer(Reading r) {
            Reading prev = latest;
            if (prev != null && prev.timestamp().isAfter(r.timestamp())) {
                return;
            }
            latest = r;
            if (r.value() != null && (prev == null || !prev.timestamp().equals(r.timestamp()))) {
                trail.addLast(r.value());
                while (trail.size() > TRAIL) {
                    trail.removeFirst();
                }
            }
        }
    }

    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    @Override
    public void reading(NodeHandle node, Reading reading) {
        slot(reading.node(), reading.source()).offer(reading);
    }

    @Override
    public void resumed(NodeHandle node) {
        try {
            List<SourceInfo> sources = node.client().sources();
            for (SourceInfo s : sources) {
                Slot slot = slot(node.name(), s.source());
                slot.info = s;
                if (s.latest() != null) {
                    slot.offer(s.latest());
                }
            }
        } catch (NodeApiException e) {
            LOG.log(Level.FINE, "cannot read the sources of {0}: {1}", new Object[] {node.name(), e.getMessage()});
        }
    }

    /** Records readings directly (tests, and readers that fetched them over REST). */
    public void offer(String node, Reading reading) {
        slot(node, reading.source()).offer(reading);
    }

    /** Every source of every node as it stands now. */
    public List<Entry> snapshot() {
        return slots.values().stream().map(Slot::entry).toList();
    }

    public @Nullable Entry get(String key) {
        Slot s = slots.get(key);
        return s == null ? null : s.entry();
    }

    /** Drops every source of a node (the node was removed). */
    public void forget(String node) {
        slots.values().removeIf(s -> s.node.equals(node));
    }

    public Collection<String> keys() {
        return List.copyOf(slots.keySet());
    }

    private Slot slot(String node, String source) {
        return slots.computeIfAbsent(SeriesKey.of(node, source), k -> new Slot(node, source));
    }
}
