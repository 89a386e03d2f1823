package io.smollama.node.observe;

import com.fasterxml.jackson.databind.JsonNode;
import io.smollama.common.Observation;
import io.smollama.node.llm.LlmClient;
import io.smollama.node.llm.LlmUnavailableException;
import io.smollama.node.memory.MemoryBook;
import io.smollama.node.memory.ObservationDraft;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the observations bounded: those older than {@code memory.observation_retention} are compacted
 * into one {@code summary} observation per UTC day and source (their first related source, or
 * {@code general}), written by the LLM when it is usable and statistically otherwise, and then removed.
 * Summaries themselves are not compacted again: once past retention they are removed, so the store
 * holds at most one retention of observations plus one retention of summaries. Work goes in chunks of
 * {@value #CHUNK} observations, at most {@value #MAX_CHUNKS} per run; the originals are removed only after
 * their summaries were stored, so a failure leaves them for the next run.
 */
final class Compactor {

    static final int CHUNK = 200;
    static final int MAX_CHUNKS = 10;
    static final int MAX_PROMPT_ITEMS = 60;
    private static final Logger LOG = Logger.getLogger(Compactor.class.getName());
    private static final DateTimeFormatter HH_MM =
            DateTimeFormatter.ofPattern("HH:mm'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    static final String SYSTEM = """
            You compact old observations of a Smollama sensor node into a summary that keeps the facts: \
            values, times, counts, what was unusual. Answer with exactly one JSON object and nothing else: \
            {"summary":"two or three sentences"}""";

    /** What one run did: observations compacted, summaries written, rows removed (summaries included). */
    record Result(int compacted, int summaries, int removed) {}

    private final MemoryBook book;
    private final LlmClient llm;
    private final Duration retention;
    private final Clock clock;

    Compactor(MemoryBook book, LlmClient llm, Duration retention, Clock clock) {
        this.book = book;
        this.llm = llm;
        this.retention = retention;
        this.clock = clock;
    }

    Result runOnce() {
        Instant cutoff = clock.instant().minus(retention);
        boolean useLlm = llm.status().usable();
        int compacted = 0;
        int summaries = 0;
        int removed = 0;
        for (int chunk = 0; chunk < MAX_CHUNKS; chunk++) {
            List<Observation> old = book.observationsBefore(cutoff, CHUNK);
            if (old.isEmpty()) {
                break;
            }
            TreeMap<LocalDate, List<Observation>> byDay = new TreeMap<>();
            old.forEach(
                    o -> byDay.computeIfAbsent(day(o), d -> new ArrayList<>()).add(o));
            if (old.size() == CHUNK && byDay.size() > 1) {
                // the last day may go on in the next chunk: leave it whole for then
                byDay.remove(byDay.lastKey());
            }
            for (var day : byDay.entrySet()) {
                Map<String, List<Observation>> bySource = new LinkedHashMap<>();
                List<String> done = new ArrayList<>();
                for (Observation o : day.getValue()) {
                    done.add(o.id());
                    if (!o.type().equals("summary")) {
                        bySource.computeIfAbsent(primarySource(o), s -> new ArrayList<>())
                                .add(o);
                    }
                }
                for (var group : bySource.entrySet()) {
                    @Nullable ObservationDraft summary = null;
                    if (useLlm) {
                        try {
                            summary = llmSummary(day.getKey(), group.getKey(), group.getValue());
                        } catch (LlmUnavailableException e) {
                            LOG.info("compaction: the LLM became unavailable (" + e.getMessage()
                                    + "); summarising statistically");
                            useLlm = false;
                        }
                    }
                    if (summary == null) {
                        summary = statisticalSummary(day.getKey(), group.getKey(), group.getValue());
                    }
                    book.observe(summary);
                    summaries++;
                    compacted += group.getValue().size();
                }
                // only after the day's summaries are stored: a failure above leaves the originals
                removed += book.removeObservations(done);
            }
            if (old.size() < CHUNK) {
                break;
            }
        }
        return new Result(compacted, summaries, removed);
    }

    private @Nullable ObservationDraft llmSummary(LocalDate day, String source, List<Observation> group) {
        StringBuilder prompt = new StringBuilder("Observations of ")
                .append(day)
                .append(" (UTC) about ")
                .append(source)
                .append(":\n");
        group.stream()
                .sorted(Comparator.comparingDouble(Observation::confidence).reversed())
                .limit(MAX_PROMPT_ITEMS)
                .sorted(Comparator.comparing(Observation::createdAt))
                .forEach(o -> prompt.append("- [")
                        .append(o.type())
                        .append(' ')
                        .append(HH_MM.format(o.createdAt()))
                        .append("] ")
                        .append(o.text().length() > 300 ? o.text().substring(0, 300) + "…" : o.text())
                        .append('\n'));
        prompt.append("Summarise them.");
        JsonRepair.Result parsed = JsonRepair.parse(llm.complete(SYSTEM, prompt.toString(), true));
        JsonNode text = parsed.object().map(o -> o.get("summary")).orElse(null);
        if (text == null
                || !text.isTextual()
                || text.asText().isBlank()
                || text.asText().length() > LlmAnswer.MAX_TEXT) {
            LOG.info("compaction: the LLM's summary of " + day + " / " + source
                    + " could not be used; summarising statistically");
            return null;
        }
        return new ObservationDraft(
                "summary",
                day + ", " + source + ": " + text.asText().strip(),
                meanConfidence(group),
                related(source),
                LlmAnswer.SOURCE);
    }

    static ObservationDraft statisticalSummary(LocalDate day, String source, List<Observation> group) {
        Map<String, Long> byType =
                group.stream().collect(Collectors.groupingBy(Observation::type, TreeMap::new, Collectors.counting()));
        int seen = group.stream().mapToInt(o -> Math.max(1, o.timesSeen())).sum();
        Observation best = group.stream()
                .max(Comparator.comparingDouble(Observation::confidence).thenComparing(Observation::createdAt))
                .orElseThrow();
        String types = byType.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
        String text = day + " (UTC), " + source + ": " + group.size()
                + (group.size() == 1 ? " observation (" : " observations (") + types + "), seen " + seen
                + (seen == 1 ? " time" : " times") + "; the most confident: \"" + best.text() + "\"";
        return new ObservationDraft(
                "summary", text, meanConfidence(group), related(source), StatisticalSummariser.SOURCE);
    }

    private static String primarySource(Observation o) {
        return o.relatedSources().isEmpty() ? "general" : o.relatedSources().getFirst();
    }

    private static List<String> related(String source) {
        return source.equals("general") ? List.of() : List.of(source);
    }

    private static double meanConfidence(List<Observation> group) {
        return group.stream().mapToDouble(Observation::confidence).average().orElse(0.5);
    }

    private static LocalDate day(Observation o) {
        return LocalDate.ofInstant(o.createdAt(), ZoneOffset.UTC);
    }
}
