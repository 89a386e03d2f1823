package io.smollama.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One search result: an observation or a memory ({@code kind} says which, the other is null),
 * its combined {@code score} (higher is better) and the cosine {@code similarity} of its vector to
 * the query's (null when it matched by keyword only).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecallHit(
        String kind,
        double score,
        @Nullable Double similarity,
        @Nullable Observation observation,
        @Nullable Memory memory) {

    public static RecallHit of(Observation o, double score, @Nullable Double similarity) {
        return new RecallHit("observation", score, similarity, o, null);
    }

    public static RecallHit of(Memory m, double score, @Nullable Double similarity) {
        return new RecallHit("memory", score, similarity, null, m);
    }

    /** The observation's text or the memory's fact. */
    public String text() {
        return observation != null ? observation.text() : memory != null ? memory.fact() : "";
    }
}
