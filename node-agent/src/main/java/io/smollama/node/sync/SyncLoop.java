package io.smollama.node.sync;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Syncs this node with its hub, round after round, on one daemon thread. The hub is {@code sync.hub_url}
 * or whichever hub discovery knows now (it is asked again every round, so a hub that appears, moves or
 * comes back is followed). After a failure it waits with exponential backoff and jitter (1 s doubling, at
 * most {@code sync.interval}); a hub that does not answer is OFFLINE, one that answers with an error is
 * ERROR (a refused token says so). While idle, a new local entry starts the next round early. A discovered hub
 * that does not answer makes discovery ask the LAN at once, so a hub that restarted on another port or address is
 * followed on the next round rather than after discovery's next periodic refresh.
 */
final class SyncLoop implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SyncLoop.class.getName());
    private static final Duration DEBOUNCE = Duration.ofMillis(200);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

    enum State {
        IDLE("idle"),
        SYNCING("syncing"),
        OFFLINE("offline"),
        ERROR("error");

        private final String word;

        State(String word) {
            this.word = word;
        }

        String word() {
            return word;
        }
    }

    /** The loop's state for status and health. */
    record Snapshot(
            State state,
            @Nullable String hub,
            @Nullable Instant lastSync,
            @Nullable String lastError,
            @Nullable VersionVector hubVector) {}

    private final SyncService service;
    private final SyncSettings settings;
    private final Supplier<Optional<URI>> discovered;
    private final String token;
    private final Clock clock;
    private final Runnable hubUnreachable;
    private final HttpClient http;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private boolean appended;
    private boolean hubChanged;
    private volatile boolean closed;
    private volatile Snapshot snapshot;

    SyncLoop(
            SyncService service,
            SyncSettings settings,
            Supplier<Optional<URI>> discovered,
            String token,
            Clock clock,
            Runnable hubUnreachable) {
        this.service = service;
        this.settings = settings;
        this.discovered = discovered;
        this.token = token;
        this.clock = clock;
        this.hubUnreachable = hubUnreachable;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.snapshot = new Snapshot(State.SYNCING, null, null, null, null);
        this.thread = new Thread(this::run, "sync");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    Snapshot snapshot() {
        return snapshot;
    }

    /** A local entry was appended: start a round soon when idle. */
    void wake() {
        lock.lock();
        try {
            appended = true;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The hub appeared, moved or came back: try it now, whatever the backoff. */
    void hubChanged() {
        lock.lock();
        try {
            hubChanged = true;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The API root of the hub to use now. */
    Optional<URI> hub() {
        if (settings.hubUrl().isPresent()) {
            URI u = settings.hubUrl().get();
            String path = u.getPath() == null ? "" : u.getPath().replaceAll("/+$", "");
            return Optional.of(URI.create(u.toString().replaceAll("/+$", "") + (path.endsWith("/api") ? "" : "/api")));
        }
        return discovered.get();
    }

    private void run() {
        int failures = 0;
        while (!closed) {
            Optional<URI> api = hub();
            Snapshot before = snapshot;
            Duration wait = settings.interval();
            if (api.isEmpty()) {
                failures = 0;
                set(new Snapshot(
                        State.OFFLINE,
                        null,
                        before.lastSync(),
                        "no hub known: discovery has not found one (or set sync.hub_url)",
                        before.hubVector()));
            } else {
                String hub = api.get().toString();
                set(new Snapshot(State.SYNCING, hub, before.lastSync(), before.lastError(), before.hubVector()));
                try {
                    var result = SyncRound.run(service, new HttpSyncTransport(http, api.get(), token), settings.pull());
                    failures = 0;
                    set(new Snapshot(
                            State.IDLE, hub, clock.instant().truncatedTo(ChronoUnit.MILLIS), null, result.peer()));
                } catch (SyncException e) {
                    failures++;
                    wait = backoff(failures);
                    if (e.unreachable() && settings.hubUrl().isEmpty()) {
                        hubUnreachable.run();
                    }
                    set(new Snapshot(
                            e.unreachable() ? State.OFFLINE : State.ERROR,
                            hub,
                            before.lastSync(),
                            e.getMessage(),
                            before.hubVector()));
                } catch (RuntimeException e) {
                    failures++;
                    wait = backoff(failures);
                    LOG.log(Level.WARNING, "sync with " + hub + " failed", e);
                    set(new Snapshot(State.ERROR, hub, before.lastSync(), e.toString(), before.hubVector()));
                }
            }
            await(wait);
        }
    }

    private void set(Snapshot next) {
        Snapshot prev = snapshot;
        snapshot = next;
        if (next.state() != prev.state() && next.state() != State.SYNCING && prev.state() != State.SYNCING) {
            LOG.info("sync: " + next.state().word()
                    + (next.lastError() == null ? " with " + next.hub() : " (" + next.lastError() + ")"));
        } else if ((next.state() == State.OFFLINE || next.state() == State.ERROR)
                && !java.util.Objects.equals(next.lastError(), prev.lastError())) {
            LOG.warning("sync: " + next.state().word() + ": " + next.lastError());
        }
    }

    /** 1 s doubling per failure, at most the interval, with jitter (half to full). */
    private Duration backoff(int failures) {
        long cap = settings.interval().toMillis();
        long base = Math.min(cap, FIRST_BACKOFF.toMillis() << Math.min(20, failures - 1));
        return Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }

    private void await(Duration wait) {
        boolean idle = snapshot.state() == State.IDLE;
        boolean early = false;
        lock.lock();
        try {
            long nanos = wait.toNanos();
            while (!closed && nanos > 0 && !hubChanged && !(idle && appended)) {
                nanos = signal.awaitNanos(nanos);
            }
            early = !hubChanged && appended;
            hubChanged = false;
            appended = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        } finally {
            lock.unlock();
        }
        if (early && !closed) {
            // the appending transaction commits right after it woke us; let it (and a burst) finish
            try {
                Thread.sleep(DEBOUNCE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closed = true;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        lock.lock();
        try {
            signal.signalAll();
        } finally {
            lock.unlock();
        }
        http.shutdownNow(); // aborts a call in flight
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
