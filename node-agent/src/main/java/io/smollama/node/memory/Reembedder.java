package io.smollama.node.memory;

import io.smollama.node.store.Database;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Gives every item a vector of the current model, in the background and in batches: items stored under
 * another model (the configured embedder changed), imported items, and items whose embedding failed.
 * A batch is embedded outside any transaction and written in one; the index learns each vector only after
 * it is committed. When the embedder fails, it waits (30 s doubling up to 5 min) and tries again.
 */
final class Reembedder implements AutoCloseable {

    static final int BATCH = 32;
    private static final Logger LOG = Logger.getLogger(Reembedder.class.getName());
    private static final long IDLE_WAIT_MILLIS = TimeUnit.MINUTES.toMillis(5);
    private static final long FIRST_BACKOFF_MILLIS = TimeUnit.SECONDS.toMillis(30);

    private final Database db;
    private final Embedder embedder;
    private final VectorIndex index;
    private final Object signal = new Object();
    private volatile boolean closed;
    private volatile @Nullable String lastError;
    private boolean woken;
    private static final String[] KINDS = {MemoryTables.MEMORY, MemoryTables.OBSERVATION};
    private int kindIndex; // touched only by the re-embedding thread
    private long cursor;
    private @Nullable Thread thread;

    Reembedder(Database db, Embedder embedder, VectorIndex index) {
        this.db = db;
        this.embedder = embedder;
        this.index = index;
    }

    void start() {
        thread = Thread.ofPlatform().daemon().name("memory-reembed").start(this::run);
    }

    /** New items need vectors: look again now. */
    void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /** An embedding just succeeded elsewhere: if re-embedding is waiting out a failure, resume now. */
    void recovered() {
        if (lastError != null) {
            wake();
        }
    }

    @Nullable
    String lastError() {
        return lastError;
    }

    private void run() {
        long backoff = FIRST_BACKOFF_MILLIS;
        while (!closed) {
            try {
                int done = batch();
                lastError = null;
                backoff = FIRST_BACKOFF_MILLIS;
                if (done == 0) {
                    await(IDLE_WAIT_MILLIS);
                }
            } catch (MemoryException e) {
                lastError = e.getMessage();
                LOG.log(Level.WARNING, "re-embedding paused for " + backoff / 1000 + " s: " + e.getMessage());
                await(backoff);
                backoff = Math.min(backoff * 2, TimeUnit.MINUTES.toMillis(5));
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                lastError = e.getMessage();
                LOG.log(Level.WARNING, "re-embedding failed; trying again later", e);
                await(backoff);
            }
        }
    }

    /**
     * Embeds the next batch of items lacking a current vector (memories first, then observations, each
     * walked forward from a cursor); returns how many it stored, 0 when a full pass found nothing more.
     */
    int batch() {
        String model = embedder.model();
        List<MemoryTables.Pending> pending = List.of();
        while (pending.isEmpty() && kindIndex < KINDS.length) {
            String kind = KINDS[kindIndex];
            long after = cursor;
            pending = db.read(c -> MemoryTables.pending(c, kind, model, after, BATCH));
            if (pending.isEmpty()) {
                kindIndex++;
                cursor = 0;
            }
        }
        if (pending.isEmpty()) {
            kindIndex = 0; // the pass is complete; the next one starts from the beginning
            return 0;
        }
        List<MemoryTables.Pending> items = pending;
        long reached = items.getLast().seq();
        List<float[]> vectors =
                embedder.embed(items.stream().map(MemoryTables.Pending::text).toList());
        db.write(c -> {
            for (int i = 0; i < items.size(); i++) {
                var p = items.get(i);
                MemoryTables.putVector(c, p.kind(), p.seq(), model, vectors.get(i));
            }
            return null;
        });
        cursor = reached; // only once stored: a batch that failed is tried again
        for (int i = 0; i < pending.size(); i++) {
            var p = pending.get(i);
            byte kind = p.kind().equals(MemoryTables.MEMORY) ? VectorIndex.MEMORY : VectorIndex.OBSERVATION;
            index.setVector(kind, p.seq(), vectors.get(i));
        }
        return pending.size();
    }

    private void await(long millis) {
        synchronized (signal) {
            if (woken || closed) {
                woken = false;
                return;
            }
            try {
                signal.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closed = true;
            }
            woken = false;
        }
    }

    @Override
    public void close() {
        closed = true;
        wake();
        Thread t = thread;
        if (t != null) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
