package io.smollama.node.observe;

import com.fasterxml.jackson.databind.JsonNode;
import io.smollama.common.RecallHit;
import io.smollama.node.llm.LlmClient;
import io.smollama.node.llm.LlmUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Asks the model for observations and memories about the readings and reads its answer. An answer that
 * cannot be read even after {@link JsonRepair} is asked for once more with a corrective prompt; a second
 * unreadable answer gives up (logged by the caller). {@link LlmUnavailableException} passes through, so
 * the caller can fall back to statistics.
 */
final class LlmObserver {

    static final int MAX_SOURCES = 40;
    static final int MAX_PAST = 8;
    private static final Logger LOG = Logger.getLogger(LlmObserver.class.getName());

    static final String SYSTEM = """
            You are the observation module of a Smollama sensor node. You read statistics of the node's \
            sensors and write short, factual observations about what is notable: patterns, anomalies, \
            status changes. You also propose durable facts worth remembering about this place.
            Answer with exactly one JSON object and nothing else, in this form:
            {"observations":[{"text":"...","type":"pattern|anomaly|status|summary|general",\
            "confidence":0.0-1.0,"related_sources":["type:id"]}],"memories":[{"fact":"...","confidence":0.0-1.0}]}
            Use only source ids from the list you are given. Do not repeat past observations unless \
            something changed. Use empty arrays when nothing is notable.""";

    /** The readable answer with the number of attempts it took, or why there is none. */
    record Outcome(Optional<LlmAnswer> answer, int attempts, String problem) {}

    private final LlmClient llm;
    private final String node;

    LlmObserver(LlmClient llm, String node) {
        this.llm = llm;
        this.node = node;
    }

    Outcome observe(Instant now, Duration lookback, List<SourceStats> stats, List<RecallHit> past) {
        List<String> known = stats.stream().map(SourceStats::source).toList();
        String prompt = prompt(now, lookback, stats, past);
        String problem = "";
        for (int attempt = 1; attempt <= 2; attempt++) {
            String asked = attempt == 1
                    ? prompt
                    : prompt + "\n\nYour previous answer could not be used: " + problem
                            + ". Answer again with only the JSON object in the form given, no code fences and no"
                            + " other text.";
            String answer = llm.complete(SYSTEM, asked, true);
            JsonRepair.Result parsed = JsonRepair.parse(answer);
            if (parsed.object().isEmpty()) {
                problem = parsed.problem();
                continue;
            }
            JsonNode object = parsed.object().get();
            Optional<LlmAnswer> read = LlmAnswer.from(object, known);
            if (read.isEmpty()) {
                problem = "the object has neither an \"observations\" nor a \"memories\" array";
                continue;
            }
            if (parsed.repaired()) {
                LOG.fine("repaired the model's answer (code fence, surrounding text, trailing comma or cut-off)");
            }
            return new Outcome(read, attempt, "");
        }
        return new Outcome(Optional.empty(), 2, problem);
    }

    String prompt(Instant now, Duration lookback, List<SourceStats> stats, List<RecallHit> past) {
        StringBuilder b = new StringBuilder();
        b.append("Node ").append(node).append(", now ").append(now).append(". Statistics over the last ");
        b.append(AdaptiveScheduler.words(lookback)).append(" per source:\n");
        stats.stream()
                .limit(MAX_SOURCES)
                .forEach(s -> b.append("- ").append(line(s)).append('\n'));
        if (stats.size() > MAX_SOURCES) {
            b.append("- (").append(stats.size() - MAX_SOURCES).append(" more sources not shown)\n");
        }
        if (!past.isEmpty()) {
            b.append("Relevant past observations and facts:\n");
            past.stream().limit(MAX_PAST).forEach(h -> {
                b.append("- ");
                if (h.observation() != null) {
                    b.append('[').append(h.observation().type()).append(", ");
                    b.append(h.observation().createdAt()).append("] ");
                } else {
                    b.append("[fact] ");
                }
                b.append(h.text()).append('\n');
            });
        }
        b.append("What is notable now?");
        return b.toString();
    }

    private static String line(SourceStats s) {
        if (s.binary()) {
            return s.source() + " (binary): 1 in " + s.ones() + " of " + s.readings() + " readings, latest "
                    + StatisticalSummariser.fmt(s.last());
        }
        String unit = s.unit() == null || s.unit().isBlank() ? "" : " (" + s.unit() + ")";
        return s.source() + unit + ": latest "
                + StatisticalSummariser.fmt(s.last()) + ", mean " + StatisticalSummariser.fmt(s.mean()) + ", min "
                + StatisticalSummariser.fmt(s.min()) + ", max " + StatisticalSummariser.fmt(s.max()) + ", trend "
                + (s.slopePerHour() >= 0 ? "+" : "") + StatisticalSummariser.fmt(s.slopePerHour()) + "/h (r² "
                + AdaptiveScheduler.num(s.r2()) + "), cv "
                + (Double.isNaN(s.cv()) ? "n/a" : AdaptiveScheduler.num(s.cv()))
                + ", " + s.readings() + " readings";
    }
}
