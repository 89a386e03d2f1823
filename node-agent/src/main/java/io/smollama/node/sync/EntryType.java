package io.smollama.node.sync;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a log entry records. {@code observation} and {@code memory} carry the item's full state after the
 * change; {@code forget} (a memory) and {@code remove} (an observation, by compaction or age-off) carry
 * {@code {id, at}} and win over any state of the same item (remove-wins tombstones).
 */
enum EntryType {
    OBSERVATION("observation"),
    MEMORY("memory"),
    FORGET("forget"),
    REMOVE("remove");

    private final String word;

    EntryType(String word) {
        this.word = word;
    }

    String word() {
        return word;
    }

    static Optional<EntryType> of(String word) {
        return Arrays.stream(values()).filter(t -> t.word.equals(word)).findFirst();
    }
}
