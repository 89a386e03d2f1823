package io.smollama.node.store;

import static io.smollama.node.store.StoreFixtures.T0;
import static io.smollama.node.store.StoreFixtures.num;
import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.common.Reading;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadingWriterTest {

    @TempDir
    Path dir;

    Database db;
    ReadingLog log;

    @BeforeEach
    void open() {
        db = Database.open(dir);
        log = new ReadingLog(db, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void flushReturnsOnceEverythingSubmittedIsCommitted() throws Exception {
        try (ReadingWriter writer = ReadingWriter.start(log, StoreFixtures.settings(dir), Clock.systemUTC())) {
            for (int i = 0; i < 5_000; i++) {
                assertThat(writer.submit(num("s:" + (i % 7), i, T0.plusMillis(i))))
                        .isTrue();
            }
            writer.flush();
            assertThat(log.stats("n1").readingsTotal()).isEqualTo(5_000);
            WriterStatus status = writer.status();
            assertThat(status.state()).isEqualTo(WriterStatus.State.OK);
            assertThat(status.committed()).isEqualTo(5_000);
            assertThat(status.batches()).isGreaterThanOrEqualTo(10);
            assertThat(status.lastCommit()).isNotNull();
            assertThat(status.dropped()).isZero();
        }
    }

    @Test
    void listenersSeeOnlyCommittedReadings() throws Exception {
        List<String> problems = new CopyOnWriteArrayList<>();
        AtomicInteger seen = new AtomicInteger();
        try (ReadingWriter writer = ReadingWriter.start(log, StoreFixtures.settings(dir), Clock.systemUTC())) {
            writer.addListener(batch -> {
                seen.addAndGet(batch.size());
                Reading last = batch.getLast();
                List<Reading> stored = log.recent(last.source(), 10_000);
                if (!stored.containsAll(batch)) {
                    problems.add("listener saw readings not yet committed: " + last);
                }
            });
            for (int i = 0; i < 3_000; i++) {
                writer.submit(num("s:a", i, T0.plusMillis(i)));
            }
            writer.flush();
        }
        assertThat(problems).isEmpty();
        assertThat(seen).hasValue(3_000);
    }

    @Test
    void concurrentProducersLoseNothing() throws Exception {
        try (ReadingWriter writer = ReadingWriter.start(log, StoreFixtures.settings(dir), Clock.systemUTC())) {
            List<Thread> producers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                producers.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        writer.submit(num("p:" + thread, i, T0.plusMillis(i)));
                    }
                }));
            }
            for (Thread p : producers) {
                p.join();
            }
            writer.flush();
            assertThat(writer.status().dropped()).isZero();
        }
        assertThat(log.stats("n1").readingsTotal()).isEqualTo(20_000);
    }

    @Test
    void closeCommitsEverythingQueuedAndAReopenedDatabaseHasIt() {
        ReadingWriter writer = ReadingWriter.start(
                log, StoreFixtures.settings(dir).withBatching(100, Duration.ofSeconds(60)), Clock.systemUTC());
        for (int i = 0; i < 2_050; i++) {
            writer.submit(num("s:a", i, T0.plusMillis(i)));
        }
        writer.close();
        assertThat(writer.status().state()).isEqualTo(WriterStatus.State.STOPPED);
        assertThat(writer.submit(num("s:a", -1, T0))).isFalse();
        assertThat(writer.status().dropped()).isEqualTo(1);
        db.close();
        db = Database.open(dir);
        assertThat(new ReadingLog(db, Clock.systemUTC()).recent("s:a", 10_000)).hasSize(2_050);
    }

    @Test
    void failedCommitsKeepTheBatchRetryAndReportTheFailure() throws Exception {
        AtomicInteger failuresLeft = new AtomicInteger(3);
        List<WriterStatus> whileFailing = new CopyOnWriteArrayList<>();
        List<Reading> committed = new CopyOnWriteArrayList<>();
        ReadingWriter[] self = new ReadingWriter[1];
        ReadingWriter writer = new ReadingWriter(
                batch -> {
                    if (failuresLeft.getAndDecrement() > 0) {
                        if (failuresLeft.get() < 2) {
                            whileFailing.add(self[0].status());
                        }
                        throw new StoreException("disk full");
                    }
                    committed.addAll(batch);
                },
                StoreFixtures.settings(dir),
                Clock.systemUTC(),
                Duration.ofMillis(1));
        self[0] = writer;
        List<Reading> delivered = new CopyOnWriteArrayList<>();
        writer.addListener(delivered::addAll);
        writer.startThread();
        try (writer) {
            writer.submit(num("s:a", 1, T0));
            writer.submit(num("s:a", 2, T0.plusMillis(1)));
            writer.flush();
            assertThat(whileFailing).isNotEmpty().allSatisfy(s -> {
                assertThat(s.state()).isEqualTo(WriterStatus.State.FAILING);
                assertThat(s.failure()).isEqualTo("disk full");
                assertThat(s.health().status()).isEqualTo(io.smollama.common.ComponentHealth.Status.DEGRADED);
            });
            assertThat(committed).extracting(Reading::value).containsExactly(1.0, 2.0);
            assertThat(delivered).isEqualTo(committed);
            assertThat(writer.status().state()).isEqualTo(WriterStatus.State.OK);
            assertThat(writer.status().failure()).isNull();
        }
    }

    @Test
    void readingsTheDatabaseAlwaysRefusesAreSetAsideAndTheRestAreStored() throws Exception {
        List<Reading> committed = new CopyOnWriteArrayList<>();
        ReadingWriter writer = new ReadingWriter(
                batch -> {
                    if (batch.stream().anyMatch(r -> r.value() == 666.0)) {
                        throw new StoreException("rollup sum is not a number");
                    }
                    committed.addAll(batch);
                },
                StoreFixtures.settings(dir).withBatching(100, Duration.ofSeconds(60)),
                Clock.systemUTC(),
                Duration.ofMillis(1));
        List<Reading> delivered = new CopyOnWriteArrayList<>();
        writer.addListener(delivered::addAll);
        writer.startThread();
        try (writer) {
            for (int i = 0; i < 50; i++) {
                writer.submit(num("s:a", i == 17 ? 666 : i, T0.plusMillis(i)));
            }
            writer.flush();
            assertThat(committed).hasSize(49).noneMatch(r -> r.value() == 666.0);
            assertThat(delivered).containsExactlyInAnyOrderElementsOf(committed);
            assertThat(writer.status().dropped()).isEqualTo(1);
            assertThat(writer.status().state()).isEqualTo(WriterStatus.State.OK);
        }
    }

    @Test
    void aFailureThatEndsWhileTheBatchIsBisectedLosesNothing() throws Exception {
        assertNothingLostWhenTheFirstCallsFail(10); // ends part-way through the bisection of 20 readings
    }

    @Test
    void aDatabaseThatRefusesEverythingLosesNothingWhileItRetries() throws Exception {
        assertNothingLostWhenTheFirstCallsFail(44); // past the whole bisection on the 3rd attempt (42 calls)
    }

    private void assertNothingLostWhenTheFirstCallsFail(int failingCalls) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<Reading> committed = new CopyOnWriteArrayList<>();
        ReadingWriter writer = new ReadingWriter(
                batch -> {
                    if (calls.incrementAndGet() <= failingCalls) {
                        throw new StoreException("disk full");
                    }
                    committed.addAll(batch);
                },
                StoreFixtures.settings(dir).withBatching(100, Duration.ofSeconds(60)),
                Clock.systemUTC(),
                Duration.ofMillis(1));
        writer.startThread();
        try (writer) {
            for (int i = 0; i < 20; i++) {
                writer.submit(num("s:a", i, T0.plusMillis(i)));
            }
            writer.flush();
            assertThat(committed).hasSize(20);
            assertThat(writer.status().dropped()).isZero();
        }
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfGrowing() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ReadingWriter writer = new ReadingWriter(
                batch -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new StoreException("interrupted");
                    }
                },
                StoreFixtures.settings(dir).withBatching(10, Duration.ofMillis(10)),
                Clock.systemUTC(),
                Duration.ofMillis(1));
        writer.startThread();
        int capacity = ReadingWriter.capacity(StoreFixtures.settings(dir).withBatching(10, Duration.ofMillis(10)));
        try (writer) {
            int accepted = 0;
            for (int i = 0; i < capacity + 13; i++) {
                if (writer.submit(num("s:a", i, T0.plusMillis(i)))) {
                    accepted++;
                }
            }
            assertThat(writer.status().queueDepth()).isLessThanOrEqualTo(capacity);
            assertThat(writer.status().dropped())
                    .isEqualTo(capacity + 13 - accepted)
                    .isPositive();
            release.countDown();
            writer.flush();
            assertThat(writer.status().committed()).isEqualTo(accepted);
        }
    }
}
