package io.smollama.node.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The cells of a labelled metric, one per set of label values. The number of label sets is capped, so a
 * caller that puts unbounded values (a raw path, an id) into a label cannot exhaust memory: updates to
 * new label sets beyond the cap are dropped and a warning is logged once.
 */
final class Children<C> {

    private static final Logger LOG = Logger.getLogger(Children.class.getName());

    static final int MAX_LABEL_SETS = 1000;

    private final String metric;
    private final Map<List<String>, C> cells = new ConcurrentHashMap<>();
    private final Supplier<C> factory;
    private final AtomicBoolean warned = new AtomicBoolean();

    Children(String metric, Supplier<C> factory) {
        this.metric = metric;
        this.factory = factory;
    }

    /** The cell for these label values, or null when the cap is reached and they are new. */
    C cell(List<String> labelValues) {
        C cell = cells.get(labelValues);
        if (cell != null) {
            return cell;
        }
        if (cells.size() >= MAX_LABEL_SETS) {
            if (warned.compareAndSet(false, true)) {
                LOG.warning(metric + " has " + MAX_LABEL_SETS + " label sets; updates to new ones are dropped"
                        + " (a label takes unbounded values)");
            }
            return null;
        }
        return cells.computeIfAbsent(labelValues, k -> factory.get());
    }

    Map<List<String>, C> snapshot() {
        return Map.copyOf(cells);
    }
}
