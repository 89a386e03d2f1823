package io.smollama.node.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A configuration value as written, before it is checked against a schema: a mapping, a list or a
 * scalar, each remembering its origin. Files, overlays and environment overrides are all turned
 * into this shape so they can be layered with one rule: mappings merge key by key, everything else
 * replaces.
 */
sealed interface RawValue {

    Origin origin();

    /** What kind of value this is, for "expected X, got Y" messages. */
    String kind();

    /** A scalar as YAML gave it: its text (quotes removed), or null for {@code ~}, {@code null} or nothing. */
    record Scalar(String text, boolean isNull, Origin origin) implements RawValue {
        @Override
        public String kind() {
            return isNull ? "nothing" : "a value";
        }
    }

    record Sequence(List<RawValue> items, Origin origin) implements RawValue {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A mapping whose keys remember where they were written. */
    record Mapping(Map<String, Entry> entries, Origin origin) implements RawValue {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        static Mapping empty(Origin origin) {
            return new Mapping(Map.of(), origin);
        }

        @Override
        public String kind() {
            return "an object";
        }

        /**
         * This mapping with {@code top} laid over it: nested mappings merge recursively, any other
         * value in {@code top} replaces the one here, except an empty one ({@code key:} with nothing
         * after it), which leaves the value here in place. Keys keep their first position.
         */
        Mapping mergedWith(Mapping top) {
            Map<String, Entry> merged = new LinkedHashMap<>(entries);
            top.entries.forEach((key, entry) -> {
                Entry below = merged.get(key);
                if (below != null && entry.value() instanceof Scalar s && s.isNull()) {
                    return;
                }
                if (below != null && below.value() instanceof Mapping m && entry.value() instanceof Mapping t) {
                    merged.put(key, new Entry(below.keyOrigin(), m.mergedWith(t)));
                } else {
                    merged.put(key, entry);
                }
            });
            return new Mapping(merged, origin);
        }

        /**
         * This mapping with {@code value} set at {@code path}, creating the mappings on the way. When a
         * value on the way is not a mapping the path cannot be set; that value is kept, so the problem
         * with it is still reported, and this mapping is returned unchanged.
         */
        Mapping with(List<String> path, RawValue value) {
            String head = path.getFirst();
            if (path.size() == 1) {
                Map<String, Entry> copy = new LinkedHashMap<>(entries);
                copy.put(head, new Entry(value.origin(), value));
                return new Mapping(copy, origin);
            }
            Entry existing = entries.get(head);
            Mapping child;
            if (existing == null || existing.value() instanceof Scalar s && s.isNull()) {
                child = empty(value.origin());
            } else if (existing.value() instanceof Mapping m) {
                child = m;
            } else {
                return this;
            }
            Map<String, Entry> copy = new LinkedHashMap<>(entries);
            Origin keyOrigin = existing == null ? value.origin() : existing.keyOrigin();
            copy.put(head, new Entry(keyOrigin, child.with(path.subList(1, path.size()), value)));
            return new Mapping(copy, origin);
        }

        /** The value at a dotted path, if every step on the way is a mapping. */
        @org.jspecify.annotations.Nullable
        RawValue at(List<String> path) {
            Entry entry = entries.get(path.getFirst());
            if (entry == null || path.size() == 1) {
                return entry == null ? null : entry.value();
            }
            return entry.value() instanceof Mapping m ? m.at(path.subList(1, path.size())) : null;
        }
    }

    /** One key of a mapping: where the key was written, and its value. */
    record Entry(Origin keyOrigin, RawValue value) {}

    /** Splits {@code http.port} into its steps. */
    static List<String> steps(String dottedKey) {
        List<String> steps = new ArrayList<>(List.of(dottedKey.split("\\.", -1)));
        if (steps.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("not a dotted config key: '" + dottedKey + "'");
        }
        return List.copyOf(steps);
    }
}
