package io.smollama.node.sync;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * For each origin node, the highest seq up to which every entry of that origin is held (a contiguous
 * high-water mark; entries beyond a gap may be held too but do not count). Absent origins are 0.
 * Immutable; origins sorted by name.
 */
public record VersionVector(Map<String, Long> marks) {

    public static final VersionVector EMPTY = new VersionVector(Map.of());

    public VersionVector {
        TreeMap<String, Long> copy = new TreeMap<>();
        marks.forEach((k, v) -> {
            if (v > 0) {
                copy.put(k, v);
            }
        });
        marks = Collections.unmodifiableMap(copy);
    }

    /** The high-water mark of {@code origin}, 0 when none of its entries is held. */
    public long get(String origin) {
        return marks.getOrDefault(origin, 0L);
    }

    /**
     * Parses the query form {@code origin:seq,origin:seq}; an empty string is the empty vector.
     *
     * @throws IllegalArgumentException naming the part that is not {@code origin:seq} with seq ≥ 0
     */
    public static VersionVector parse(String text) {
        TreeMap<String, Long> m = new TreeMap<>();
        if (text.isBlank()) {
            return EMPTY;
        }
        for (String part : text.split(",")) {
            int colon = part.lastIndexOf(':');
            if (colon <= 0 || colon == part.length() - 1) {
                throw new IllegalArgumentException("'" + part + "' is not origin:seq");
            }
            long seq;
            try {
                seq = Long.parseLong(part.substring(colon + 1).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + part + "' is not origin:seq (seq must be a whole number)");
            }
            if (seq < 0) {
                throw new IllegalArgumentException("'" + part + "' has a negative seq");
            }
            m.merge(part.substring(0, colon).strip(), seq, Math::max);
        }
        return new VersionVector(m);
    }

    /** The query form {@code origin:seq,origin:seq}. */
    public String format() {
        StringBuilder b = new StringBuilder();
        marks.forEach((k, v) -> {
            if (!b.isEmpty()) {
                b.append(',');
            }
            b.append(k).append(':').append(v);
        });
        return b.toString();
    }

    /** This vector without {@code origin}'s mark (as if none of its entries were held). */
    public VersionVector without(String origin) {
        java.util.Map<String, Long> m = new TreeMap<>(marks);
        m.remove(origin);
        return new VersionVector(m);
    }

    /** True when this vector is at or beyond {@code other} for every origin. */
    public boolean covers(VersionVector other) {
        return other.marks.entrySet().stream().allMatch(e -> get(e.getKey()) >= e.getValue());
    }
}
