package io.smollama.node.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects problems while configuration is read and checked, to report them all at once in reading order. */
final class Problems {

    private record Found(Origin origin, int seq, ConfigProblem problem) {}

    private final List<Found> found = new ArrayList<>();

    void add(Origin origin, String key, String message) {
        found.add(new Found(origin, found.size(), new ConfigProblem(origin.toString(), key, message)));
    }

    void addAll(Problems other) {
        other.found.forEach(f -> add(f.origin(), f.problem().key(), f.problem().message()));
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** The problems sorted by source and line; problems on the same line keep the order they were found in. */
    List<ConfigProblem> sorted() {
        return found.stream()
                .sorted(Comparator.comparing(Found::origin, Origin.READING_ORDER)
                        .thenComparingInt(Found::seq))
                .map(Found::problem)
                .toList();
    }

    /** Throws one {@link ConfigException} holding every problem, if there are any. */
    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new ConfigException(sorted());
        }
    }
}
