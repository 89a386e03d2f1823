package io.smollama.node.mqtt;

import java.util.List;

/**
 * An MQTT topic filter ({@code a/+/c}, {@code a/#}) with the matching rules of MQTT 3.1.1 §4.7: {@code +}
 * matches one level, a trailing {@code #} matches the parent and every level below, and wildcards never match
 * topics that start with {@code $}.
 */
record TopicFilter(String filter) {

    TopicFilter {
        String problem = problem(filter);
        if (problem != null) {
            throw new IllegalArgumentException("topic filter '" + filter + "' " + problem);
        }
    }

    /** Why {@code filter} is not a valid topic filter, or null when it is. */
    static @org.jspecify.annotations.Nullable String problem(String filter) {
        if (filter.isEmpty()) {
            return "is empty";
        }
        List<String> levels = List.of(filter.split("/", -1));
        for (int i = 0; i < levels.size(); i++) {
            String level = levels.get(i);
            if (level.contains("#") && (!level.equals("#") || i != levels.size() - 1)) {
                return "may use '#' only as the whole last level";
            }
            if (level.contains("+") && !level.equals("+")) {
                return "may use '+' only as a whole level";
            }
        }
        return null;
    }

    /** Whether {@code topic} (a concrete topic name, no wildcards) matches this filter. */
    boolean matches(String topic) {
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length) {
                return false;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }

    /** Whether {@code topic} is a valid topic name to publish to: non-empty, no wildcards. */
    static boolean isPublishable(String topic) {
        return !topic.isEmpty() && !topic.contains("+") && !topic.contains("#") && topic.indexOf('\0') < 0;
    }
}
