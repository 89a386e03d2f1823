package io.smollama.node.observe;

import io.smollama.common.ComponentHealth;
import io.smollama.common.RecallHit;
import io.smollama.common.RecallQuery;
import io.smollama.node.llm.LlmClient;
import io.smollama.node.llm.LlmStatus;
import io.smollama.node.llm.LlmUnavailableException;
import io.smollama.node.memory.MemoryBook;
import io.smollama.node.memory.MemoryException;
import io.smollama.node.memory.ObservationDraft;
import io.smollama.node.store.ReadingLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The node's observation loop. Each round it reads per-source statistics over {@code observe.lookback}
 * and over the scheduler's volatility window, lets the {@link AdaptiveScheduler} choose the time to the
 * next round, and writes observations: by the LLM (with the most relevant past observations and facts
 * as context) when {@link LlmClient#status()} says it can answer, else by the
 * {@link StatisticalSummariser}; an LLM that fails mid-round also falls back to statistics for that
 * round. About once an hour it compacts observations past retention ({@link Compactor}). A round that
 * throws is logged and the next one is still scheduled: the loop never stops on its own.
 */
public final class ObservationLoop implements AutoCloseable {

    static final int LOOKBACK_POINTS = 60;
    static final int VOLATILITY_POINTS = 120;
    static final Duration MIN_VOLATILITY_WINDOW = Duration.ofMinutes(5);
    static final Duration COMPACTION_PERIOD = Duration.ofHours(1);
    private static final Logger LOG = Logger.getLogger(ObservationLoop.class.getName());

    /** What one round did; {@code mode} is {@code llm}, {@code statistics} or {@code idle}. */
    record Round(Instant at, String mode, int observations, int memories, String note) {}

    private final ObserveSettings settings;
    private final ReadingWindows readings;
    private final MemoryBook book;
    private final LlmClient llm;
    private final Clock clock;
    private final Ticker ticker;
    private final AdaptiveScheduler scheduler;
    private final StatisticalSummariser summariser = new StatisticalSummariser();
    private final LlmObserver observer;
    private final Compactor compactor;
    private volatile @Nullable Round lastRound;
    private volatile @Nullable String lastFailure;
    private @Nullable Instant lastCompaction;

    ObservationLoop(
            String node,
            ObserveSettings settings,
            ReadingWindows readings,
            MemoryBook book,
            LlmClient llm,
            Clock clock,
            Ticker ticker,
            AdaptiveScheduler.Policy policy) {
        this.settings = settings;
        this.readings = readings;
        this.book = book;
        this.llm = llm;
        this.clock = clock;
        this.ticker = ticker;
        this.scheduler =
                new AdaptiveScheduler(settings.interval(), settings.minInterval(), settings.maxInterval(), policy);
        this.observer = new LlmObserver(llm, node);
        this.compactor = new Compactor(book, llm, settings.observationRetention(), clock);
    }

    /**
     * Builds the loop over the node's readings, memory and LLM and starts it on its own thread; the
     * first round runs one {@code observe.min_interval} after start, so there are readings to look at.
     */
    public static ObservationLoop start(
            String node, ObserveSettings settings, ReadingLog log, MemoryBook book, LlmClient llm, Clock clock) {
        ObservationLoop loop = new ObservationLoop(
                node,
                settings,
                new ReadingWindows(log),
                book,
                llm,
                clock,
                Ticker.onOwnThread("observation-loop"),
                AdaptiveScheduler.Policy.DEFAULT);
        loop.ticker.schedule(loop::tick, settings.minInterval());
        return loop;
    }

    /** The {@code observe} component of {@code /api/health}: the interval, why, and the last round. */
    public Map<String, ComponentHealth> health() {
        StringBuilder detail = new StringBuilder("every ")
                .append(AdaptiveScheduler.words(scheduler.interval()))
                .append(" (")
                .append(scheduler.reason())
                .append(')');
        Round r = lastRound;
        if (r != null) {
            detail.append("; last round ")
                    .append(r.at())
                    .append(" by ")
                    .append(r.mode())
                    .append(": ");
            detail.append(r.observations())
                    .append(" observations, ")
                    .append(r.memories())
                    .append(" memories");
            if (!r.note().isEmpty()) {
                detail.append(" (").append(r.note()).append(')');
            }
        }
        String failure = lastFailure;
        if (failure != null) {
            detail.append("; last round failed: ").append(failure);
            return Map.of("observe", new ComponentHealth(ComponentHealth.Status.DEGRADED, detail.toString()));
        }
        return Map.of("observe", ComponentHealth.up(detail.toString()));
    }

    Duration interval() {
        return scheduler.interval();
    }

    String reason() {
        return scheduler.reason();
    }

    /** Runs one round, then schedules the next one after the (possibly new) interval, whatever happened. */
    void tick() {
        try {
            runRound();
            lastFailure = null;
        } catch (RuntimeException e) {
            lastFailure = e.toString();
            LOG.log(Level.WARNING, "observation round failed; the next one runs as scheduled", e);
        } finally {
            ticker.schedule(this::tick, scheduler.interval());
        }
    }

    /** One round: statistics, scheduling, observations, and compaction when due. */
    Round runRound() {
        Instant now = clock.instant();
        Duration window = volatilityWindow();
        scheduler.evaluate(readings.over(now, window, VOLATILITY_POINTS));
        List<SourceStats> stats = readings.over(now, settings.lookback(), LOOKBACK_POINTS);
        Round round;
        if (stats.isEmpty()) {
            round = new Round(now, "idle", 0, 0, "no numeric readings yet");
        } else {
            LlmStatus status = llm.status();
            round = status.usable() ? byLlm(now, stats) : byStatistics(now, stats, status.detail());
        }
        lastRound = round;
        compactIfDue(now);
        return round;
    }

    private Duration volatilityWindow() {
        Duration w = scheduler.interval().multipliedBy(2);
        if (w.compareTo(MIN_VOLATILITY_WINDOW) < 0) {
            w = MIN_VOLATILITY_WINDOW;
        }
        return w.compareTo(settings.lookback()) > 0 ? settings.lookback() : w;
    }

    private Round byLlm(Instant now, List<SourceStats> stats) {
        LlmObserver.Outcome outcome;
        try {
            outcome = observer.observe(now, settings.lookback(), stats, recall(stats));
        } catch (LlmUnavailableException e) {
            return byStatistics(now, stats, "the LLM failed: " + e.getMessage());
        }
        if (outcome.answer().isEmpty()) {
            LOG.warning("the LLM's answer could not be read after " + outcome.attempts() + " attempts ("
                    + outcome.problem() + "); nothing stored this round");
            return new Round(now, "llm", 0, 0, "unreadable answer: " + outcome.problem());
        }
        LlmAnswer answer = outcome.answer().get();
        if (!answer.rejected().isEmpty()) {
            LOG.info("dropped " + answer.rejected().size() + " invalid items of the LLM's answer: "
                    + String.join("; ", answer.rejected()));
        }
        int observations = store(answer.observations());
        int memories = 0;
        for (LlmAnswer.Fact f : answer.memories()) {
            try {
                book.remember(f.fact(), f.confidence());
                memories++;
            } catch (MemoryException e) {
                LOG.log(Level.WARNING, "could not store a memory from the LLM", e);
            }
        }
        String note = answer.rejected().isEmpty() ? "" : answer.rejected().size() + " invalid items dropped";
        return new Round(now, "llm", observations, memories, note);
    }

    private Round byStatistics(Instant now, List<SourceStats> stats, String why) {
        int stored = store(summariser.summarise(stats, settings.lookback()));
        return new Round(now, "statistics", stored, 0, "LLM not usable: " + why);
    }

    private List<RecallHit> recall(List<SourceStats> stats) {
        String query = "observations about "
                + stats.stream().map(SourceStats::source).limit(20).collect(Collectors.joining(", "));
        try {
            return book.recall(new RecallQuery(query, LlmObserver.MAX_PAST, Set.of(), null, null, null, false));
        } catch (MemoryException e) {
            LOG.log(Level.WARNING, "recall for the observation prompt failed; asking without past observations", e);
            return List.of();
        }
    }

    private int store(List<ObservationDraft> drafts) {
        int stored = 0;
        for (ObservationDraft d : drafts) {
            try {
                book.observe(d);
                stored++;
            } catch (MemoryException e) {
                LOG.log(Level.WARNING, "could not store an observation", e);
            }
        }
        return stored;
    }

    private void compactIfDue(Instant now) {
        if (lastCompaction != null && now.isBefore(lastCompaction.plus(COMPACTION_PERIOD))) {
            return;
        }
        lastCompaction = now;
        try {
            Compactor.Result r = compactor.runOnce();
            if (r.removed() > 0) {
                LOG.info("compacted " + r.compacted() + " old observations into " + r.summaries()
                        + " summaries; removed " + r.removed());
            }
        } catch (MemoryException | LlmUnavailableException e) {
            LOG.log(Level.WARNING, "compaction failed; retrying in " + COMPACTION_PERIOD.toHours() + " h", e);
        }
    }

    /** Stops the loop; a round in progress is interrupted. */
    @Override
    public void close() {
        ticker.close();
    }
}
