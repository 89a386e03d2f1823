package io.smollama.node.store;

import io.smollama.common.Reading;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * The batching write path. Sampler threads {@link #submit} readings into a bounded queue; one writer thread
 * commits them in transactions of up to {@code batchSize} readings, waiting at most {@code flushInterval} for
 * a batch to fill, and only then hands each committed batch to the listeners, so whatever a listener sees is
 * durable. A failed commit keeps its batch and is retried with backoff while {@link #status()} reports the
 * failure; meanwhile the queue fills and further readings are dropped and counted, never buffered without
 * bound. {@link #close()} commits everything queued and stops the thread.
 */
public final class ReadingWriter implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ReadingWriter.class.getName());
    private static final Duration SUBMIT_WAIT = Duration.ofMillis(100);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Object STOP = new Object();

    /** Waits in the queue behind everything submitted before it; released once those are committed. */
    private record FlushRequest(CountDownLatch done) {}

    private final BatchSink sink;
    private final Clock clock;
    private final int batchSize;
    private final long flushNanos;
    private final Duration firstBackoff;
    private final BlockingQueue<Object> queue;
    private final List<Consumer<List<Reading>>> listeners = new CopyOnWriteArrayList<>();
    private final CommitTimes commitTimes = new CommitTimes(1024);
    static final int POISON_CHECK_AFTER = 3;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong lastDropLog = new AtomicLong(Long.MIN_VALUE);
    private final Thread thread;
    private volatile long committed;
    private volatile long batches;
    private volatile @Nullable Instant lastCommit;
    private volatile @Nullable String failure;
    private volatile boolean closing;
    private volatile long giveUpAtNanos = Long.MAX_VALUE;

    /** Where committed batches go; {@link ReadingLog#append} in production, a fake in tests. */
    @FunctionalInterface
    interface BatchSink {
        void append(List<Reading> batch);
    }

    ReadingWriter(BatchSink sink, StoreSettings settings, Clock clock, Duration firstBackoff) {
        this.sink = sink;
        this.clock = clock;
        this.batchSize = settings.batchSize();
        this.flushNanos = settings.flushInterval().toNanos();
        this.firstBackoff = firstBackoff;
        this.queue = new ArrayBlockingQueue<>(capacity(settings));
        this.thread = Thread.ofPlatform().name("reading-writer").daemon(true).unstarted(this::run);
    }

    /** Queue slots: enough for a few hundred milliseconds at full ingest speed, a few MB of readings. */
    static int capacity(StoreSettings settings) {
        return Math.max(50_000, settings.batchSize() * 16);
    }

    /** Starts a writer that commits to {@code log} with the batching of {@code settings}. */
    public static ReadingWriter start(ReadingLog log, StoreSettings settings, Clock clock) {
        ReadingWriter w = new ReadingWriter(log::append, settings, clock, Duration.ofMillis(100));
        w.thread.start();
        return w;
    }

    void startThread() {
        thread.start();
    }

    /** Registers a listener for committed batches; it runs on the writer thread and must return quickly. */
    public void addListener(Consumer<List<Reading>> listener) {
        listeners.add(listener);
    }

    /**
     * Queues {@code reading} for the next batch. Waits briefly when the queue is full (not at all while commits
     * are failing); returns {@code false} and counts a drop when it could not be queued or the writer is closed.
     */
    public boolean submit(Reading reading) {
        if (!closing && queue.offer(reading)) {
            return true;
        }
        if (!closing && failure == null) {
            try {
                if (queue.offer(reading, SUBMIT_WAIT.toNanos(), TimeUnit.NANOSECONDS)) {
                    return true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long total = dropped.incrementAndGet();
        logDrop(total);
        return false;
    }

    /** Returns once every reading submitted before this call is committed (or the writer has stopped). */
    public void flush() throws InterruptedException {
        if (!thread.isAlive()) {
            return;
        }
        FlushRequest request = new FlushRequest(new CountDownLatch(1));
        while (!queue.offer(request, 100, TimeUnit.MILLISECONDS)) {
            if (!thread.isAlive()) {
                return;
            }
        }
        while (!request.done().await(100, TimeUnit.MILLISECONDS)) {
            if (!thread.isAlive()) {
                return;
            }
        }
    }

    public WriterStatus status() {
        WriterStatus.State state = thread.getState() == Thread.State.TERMINATED
                ? WriterStatus.State.STOPPED
                : failure != null ? WriterStatus.State.FAILING : WriterStatus.State.OK;
        return new WriterStatus(
                state,
                failure,
                queue.size(),
                committed,
                batches,
                dropped.get(),
                lastCommit,
                commitTimes.quantileMillis(0.5),
                commitTimes.quantileMillis(0.99));
    }

    /**
     * Commits everything queued and stops the writer thread, waiting at most about 15 s for a failing disk.
     * When the calling thread is interrupted the writer is interrupted too (its queued readings are counted
     * as dropped) and the interrupt flag is kept.
     */
    @Override
    public void close() {
        closing = true;
        giveUpAtNanos = Math.min(giveUpAtNanos, System.nanoTime() + CLOSE_TIMEOUT.toNanos());
        try {
            if (thread.isAlive() && !queue.offer(STOP, CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                thread.interrupt();
            }
            thread.join(CLOSE_TIMEOUT.toMillis() + 1000);
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join();
            }
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Reading> batch = new ArrayList<>(batchSize);
        List<FlushRequest> flushes = new ArrayList<>();
        List<Object> drained = new ArrayList<>(batchSize);
        boolean stop = false;
        try {
            while (!stop) {
                Object first = queue.take();
                long deadline = System.nanoTime() + flushNanos;
                stop = accept(first, batch, flushes);
                while (!stop && flushes.isEmpty() && batch.size() < batchSize) {
                    drained.clear();
                    if (queue.drainTo(drained, batchSize - batch.size()) > 0) {
                        for (Object o : drained) {
                            stop |= accept(o, batch, flushes);
                        }
                        continue;
                    }
                    long remaining = deadline - System.nanoTime();
                    Object next = remaining > 0 ? queue.poll(remaining, TimeUnit.NANOSECONDS) : null;
                    if (next == null) {
                        break;
                    }
                    stop = accept(next, batch, flushes);
                }
                if (stop) {
                    drained.clear();
                    queue.drainTo(drained);
                    drained.forEach(o -> accept(o, batch, flushes));
                }
                commit(batch);
                batch.clear();
                flushes.forEach(f -> f.done().countDown());
                flushes.clear();
            }
        } catch (InterruptedException e) {
            long lost = batch.size()
                    + queue.stream().filter(Reading.class::isInstance).count();
            dropped.addAndGet(lost);
            LOG.severe(() -> "reading writer interrupted while stopping; " + lost + " readings were not committed");
        } finally {
            flushes.forEach(f -> f.done().countDown());
            queue.stream()
                    .filter(FlushRequest.class::isInstance)
                    .forEach(f -> ((FlushRequest) f).done().countDown());
        }
    }

    /** Adds a queued item to the batch being built; returns whether it asks the writer to stop. */
    private static boolean accept(Object item, List<Reading> batch, List<FlushRequest> flushes) {
        switch (item) {
            case Reading r -> batch.add(r);
            case FlushRequest f -> flushes.add(f);
            default -> {
                return item == STOP;
            }
        }
        return false;
    }

    private void commit(List<Reading> batch) throws InterruptedException {
        if (batch.isEmpty()) {
            return;
        }
        long backoff = firstBackoff.toMillis();
        int attempts = 0;
        while (true) {
            long start = System.nanoTime();
            try {
                sink.append(batch);
                commitTimes.record(System.nanoTime() - start);
                break;
            } catch (RuntimeException e) {
                String reason = e.getMessage() == null ? e.toString() : e.getMessage();
                if (!reason.equals(failure)) {
                    LOG.log(Level.WARNING, "committing " + batch.size() + " readings failed; retrying", e);
                }
                failure = reason;
                if (++attempts == POISON_CHECK_AFTER && !lockContention(reason)) {
                    List<Reading> poisoned = new ArrayList<>();
                    List<Reading> stored = isolate(batch, poisoned);
                    if (!stored.isEmpty() && !poisoned.isEmpty()) {
                        // the failure may have passed while bisecting: each refused reading gets another go
                        Thread.sleep(backoff);
                        poisoned = retryEach(poisoned, stored);
                    }
                    if (!stored.isEmpty()) {
                        if (!poisoned.isEmpty()) {
                            // the fault is in some readings, not in the database: set them aside, keep the rest
                            dropped.addAndGet(poisoned.size());
                            LOG.severe("set aside " + poisoned.size() + " of " + batch.size()
                                    + " readings that the database refuses (" + reason + "), e.g. "
                                    + poisoned.getFirst().source() + " at "
                                    + poisoned.getFirst().timestamp());
                        }
                        batch = stored;
                        commitTimes.record(System.nanoTime() - start);
                        break;
                    }
                }
                if (closing && System.nanoTime() > giveUpAtNanos) {
                    dropped.addAndGet(batch.size());
                    LOG.severe("giving up on " + batch.size() + " readings at shutdown: " + reason);
                    return;
                }
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
            }
        }
        if (failure != null) {
            LOG.info("committing readings works again");
            failure = null;
        }
        committed += batch.size();
        batches++;
        lastCommit = clock.instant();
        List<Reading> durable = List.copyOf(batch);
        for (Consumer<List<Reading>> listener : listeners) {
            try {
                listener.accept(durable);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a listener of committed readings failed", e);
            }
        }
    }

    /**
     * Commits a batch that keeps failing half by half, so that readings the database refuses (say,
     * rollup sums that overflow) do not hold up the others forever. Returns what was committed and
     * adds the refused single readings to {@code poisoned}; returns nothing when no part could be
     * committed, which means the fault is the database's, not the data's.
     */
    private List<Reading> isolate(List<Reading> batch, List<Reading> poisoned) {
        try {
            sink.append(batch);
            return batch;
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                poisoned.add(batch.getFirst());
                return List.of();
            }
            int mid = batch.size() / 2;
            List<Reading> stored = new ArrayList<>(isolate(batch.subList(0, mid), poisoned));
            stored.addAll(isolate(batch.subList(mid, batch.size()), poisoned));
            return stored;
        }
    }

    /** Tries each reading alone once more; adds the ones that commit to {@code stored}, returns the rest. */
    private List<Reading> retryEach(List<Reading> readings, List<Reading> stored) {
        List<Reading> refused = new ArrayList<>();
        for (Reading r : readings) {
            try {
                sink.append(List.of(r));
                stored.add(r);
            } catch (RuntimeException e) {
                refused.add(r);
            }
        }
        return refused;
    }

    /** Another connection holds the database: wait for it, never blame the readings. */
    private static boolean lockContention(String reason) {
        return reason.contains("SQLITE_BUSY")
                || reason.contains("SQLITE_LOCKED")
                || reason.contains("database is locked");
    }

    private void logDrop(long total) {
        long now = System.nanoTime();
        long last = lastDropLog.get();
        if ((last == Long.MIN_VALUE || now - last > TimeUnit.SECONDS.toNanos(10))
                && lastDropLog.compareAndSet(last, now)) {
            LOG.warning(() -> "reading queue full or writer closed; " + total + " readings dropped so far"
                    + (failure == null ? "" : " (commits failing: " + failure + ")"));
        }
    }
}
