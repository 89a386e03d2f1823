package io.smollama.node.memory;

import io.smollama.common.Observation;
import java.util.List;

/**
 * An observation before it is stored: what the LLM, the statistical summariser or the agent wrote.
 * {@code source} is {@code llm}, {@code statistics} or {@code agent}.
 */
public record ObservationDraft(
        String type, String text, double confidence, List<String> relatedSources, String source) {

    public ObservationDraft {
        if (!Observation.TYPES.contains(type)) {
            throw new IllegalArgumentException(
                    "observation type must be one of " + Observation.TYPES + ", got " + type);
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("observation text must not be empty");
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("observation confidence must be within 0..1, got " + confidence);
        }
        relatedSources = relatedSources == null ? List.of() : List.copyOf(relatedSources);
    }
}
