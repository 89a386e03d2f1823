package io.smollama.node.readings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.smollama.common.Reading;
import io.smollama.node.plugin.LoadedPlugins;
import io.smollama.node.plugin.Plugin;
import io.smollama.node.plugin.PluginHost;
import io.smollama.node.plugin.Sample;
import io.smollama.node.plugin.SensorHandle;
import io.smollama.node.plugin.SensorPlugin;
import io.smollama.node.plugin.SourceSpec;
import io.smollama.node.testsupport.MutableClock;
import io.smollama.node.testsupport.PluginConfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadingSamplerTest {

    private static final String NODE = "test-node";
    private static final Duration FAST = Duration.ofMillis(20);
    private static final Duration HOURLY = Duration.ofHours(1);
    /** How long a test waits for something that should happen; only reached when the test fails. */
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    @TempDir
    Path data;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);
    private final RecordingSink sink = new RecordingSink();
    /** Opened by a test, closed after it in reverse order: hosts and their loaded plugins, samplers. */
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    /** Holds reads that hang until the test (or the clean-up) opens it. */
    private final CountDownLatch gate = new CountDownLatch(1);

    private ReadingSampler sampler;

    @BeforeEach
    void createSampler() {
        sampler = open(new ReadingSampler(NODE, clock, sink));
    }

    @AfterEach
    void closeEverything() throws Exception {
        gate.countDown();
        while (!opened.isEmpty()) {
            opened.pop().close();
        }
    }

    @Test
    void oneSlowReadDoesNotCostAnotherSourceItsNextOnTimeRead() throws InterruptedException {
        AtomicInteger aReads = new AtomicInteger();
        ScriptedSensor pair = new ScriptedSensor(
                "pair",
                id -> {
                    if (id.equals("a") && aReads.incrementAndGet() == 2) {
                        try {
                            Thread.sleep(120); // one slow read: b's next run starts 120 ms late
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return Sample.of(1);
                },
                source("pair", "a", Duration.ofMillis(200)),
                source("pair", "b", Duration.ofMillis(200)));
        startAll(pair);

        sink.awaitCount("pair:a", 8);
        sink.awaitCount("pair:b", 8);

        assertThat(sink.count("pair:b")).isBetween(sink.count("pair:a") - 1, sink.count("pair:a") + 1);
    }

    @Test
    void eachSourceIsReadAtItsOwnInterval() throws InterruptedException {
        ScriptedSensor meter = new ScriptedSensor(
                "meter",
                id -> Sample.of(1),
                source("meter", "fast", FAST),
                source("meter", "slow", Duration.ofMillis(200)));
        startAll(meter);

        sink.awaitCount("meter:slow", 6); // reads at 0, 200, …, 1000 ms

        // both sources share the plugin's thread, which runs reads in schedule order: ~51 fast reads by now
        assertThat(sink.count("meter:fast"))
                .as("fast readings while the slow source was read 6 times")
                .isBetween(40, 60);
    }

    @Test
    void samplingKeepsAFixedRateWhenAReadTakesTime() throws InterruptedException {
        List<Long> readStarts = new CopyOnWriteArrayList<>();
        ScriptedSensor slowBus = new ScriptedSensor(
                "bus",
                id -> {
                    readStarts.add(System.nanoTime());
                    sleep(Duration.ofMillis(25));
                    return Sample.of(1);
                },
                source("bus", "value", Duration.ofMillis(30)));
        long started = System.nanoTime();
        startAll(slowBus);

        sink.awaitCount("bus:value", 16);

        // fixed rate: the 16th read is due 15 × 30 = 450 ms after sampling started; a fixed delay would make it 825 ms
        Duration untilSixteenth = Duration.ofNanos(readStarts.get(15) - started);
        assertThat(untilSixteenth).isBetween(Duration.ofMillis(450), Duration.ofMillis(700));
    }

    @Test
    void readingsCarryNodeFullSourceIdUnitClockTimeAndMergedMetadata() throws InterruptedException {
        SourceSpec temperature = new SourceSpec(
                "weather",
                "outdoor/temp",
                "°C",
                true,
                HOURLY,
                "Outdoor temperature",
                Map.of("room", "garden", "sensor", "declared"));
        SourceSpec sky = new SourceSpec("weather", "sky", null, false, HOURLY, "Sky", Map.of("room", "garden"));
        ScriptedSensor station = new ScriptedSensor(
                "station",
                id -> switch (id) {
                    case "outdoor/temp" -> new Sample.Numeric(21.5, Map.of("sensor", "bme280", "quality", "good"));
                    default -> Sample.text("cloudy");
                },
                temperature,
                sky);
        startAll(station);

        Reading reading = sink.awaitCount("weather:outdoor/temp", 1).getFirst();
        assertThat(reading.node()).isEqualTo(NODE);
        assertThat(reading.source()).isEqualTo("weather:outdoor/temp");
        assertThat(reading.sourceType()).isEqualTo("weather");
        assertThat(reading.sourceId()).isEqualTo("outdoor/temp");
        assertThat(reading.unit()).isEqualTo("°C");
        assertThat(reading.value()).isEqualTo(21.5);
        assertThat(reading.timestamp()).isEqualTo(Instant.parse("2025-06-01T12:00:00Z"));
        assertThat(reading.metadata())
                .as("the sample's metadata wins over the source's")
                .containsExactlyInAnyOrderEntriesOf(Map.of("room", "garden", "sensor", "bme280", "quality", "good"));

        Reading text = sink.awaitCount("weather:sky", 1).getFirst();
        assertThat(text.text()).isEqualTo("cloudy");
        assertThat(text.value()).isNull();
        assertThat(text.metadata()).containsExactlyEntriesOf(Map.of("room", "garden"));

        clock.advance(Duration.ofMinutes(5));
        assertThat(sampler.readNow("weather:outdoor/temp").timestamp())
                .isEqualTo(Instant.parse("2025-06-01T12:05:00Z"));
    }

    @Test
    void pluginsThatThrowKeepBeingSampledOnScheduleWhileOthersAreUnaffected() throws InterruptedException {
        ScriptedSensor flaky = new ScriptedSensor(
                "flaky",
                id -> {
                    throw new IllegalStateException("bus error");
                },
                source("flaky", "value", FAST));
        ScriptedSensor unlinked = new ScriptedSensor(
                "unlinked",
                id -> {
                    throw new NoClassDefFoundError("com/example/Driver");
                },
                source("unlinked", "value", FAST));
        ScriptedSensor deep = new ScriptedSensor(
                "deep",
                id -> {
                    throw new StackOverflowError("too deep");
                },
                source("deep", "value", FAST));
        ScriptedSensor fine = new ScriptedSensor("fine", id -> Sample.of(1), source("fine", "value", FAST));
        startAll(flaky, unlinked, deep, fine);

        sink.awaitCount("fine:value", 25);
        int fineReads = fine.reads("value");
        for (ScriptedSensor failing : List.of(flaky, unlinked, deep)) {
            assertThat(failing.reads("value"))
                    .as("reads of %s while fine was read %d times", failing.name(), fineReads)
                    .isCloseTo(fineReads, within(10));
        }
        awaitUntil(() -> sampler.sources().stream().allMatch(s -> s.samples() >= 20), "20 samples of every source");

        assertThat(sink.sources()).containsExactly("fine:value");
        assertFailing("flaky:value", "bus error");
        assertFailing("unlinked:value", "com/example/Driver");
        assertFailing("deep:value", "too deep"); // caught at the plugin boundary, so it also counts in plugin status
        assertThat(state("fine:value").failures()).isZero();
        assertThat(state("fine:value").lastError()).isNull();
    }

    @Test
    void aPluginThatHangsOnlyDelaysItsOwnSources() throws InterruptedException {
        CountDownLatch hanging = new CountDownLatch(1);
        ScriptedSensor stuck = new ScriptedSensor(
                "stuck",
                id -> {
                    if (id.equals("hangs")) {
                        hanging.countDown();
                        awaitGate(false);
                    }
                    return Sample.of(1);
                },
                source("stuck", "hangs", FAST),
                source("stuck", "other", FAST));
        ScriptedSensor fine = new ScriptedSensor("fine", id -> Sample.of(2), source("fine", "value", FAST));
        startAll(stuck, fine);

        assertThat(hanging.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        int otherBefore = stuck.reads("other");
        sink.awaitCount("fine:value", sink.count("fine:value") + 10);
        assertThat(stuck.reads("other"))
                .as("the hanging plugin's other source waits for the plugin's thread")
                .isEqualTo(otherBefore);

        gate.countDown();
        sink.awaitCount("stuck:other", otherBefore + 5);
        sink.awaitCount("stuck:hangs", 5);
    }

    @Test
    void aSkippedSampleGivesNoReadingAndANanSampleIsAFailure() throws InterruptedException {
        ScriptedSensor quiet = new ScriptedSensor(
                "quiet",
                id -> switch (id) {
                    case "event" -> new Sample.Skip();
                    case "level" -> Sample.of(Double.NaN);
                    default -> Sample.of(1);
                },
                source("quiet", "event", FAST),
                source("quiet", "level", FAST),
                source("quiet", "ok", FAST));
        startAll(quiet);

        sink.awaitCount("quiet:ok", 5);
        awaitUntil(() -> sampler.sources().stream().allMatch(s -> s.samples() >= 5), "5 samples of every source");

        assertThat(sink.sources()).containsExactly("quiet:ok");
        assertThat(state("quiet:event").failures()).isZero();
        assertThat(state("quiet:event").lastError()).isNull();
        assertFailing("quiet:level", "not finite");
        assertThat(sampler.readNow("quiet:event")).isNull();
    }

    @Test
    void aSecondPluginOfferingATakenSourceIdIsIgnoredAndTheFirstKeepsWorking() throws InterruptedException {
        ScriptedSensor first = new ScriptedSensor("first", id -> Sample.of(1), source("shared", "temp", FAST));
        ScriptedSensor second = new ScriptedSensor(
                "second",
                id -> Sample.of(id.equals("temp") ? 2 : 3),
                source("shared", "temp", FAST),
                source("second", "own", FAST));
        startAll(first, second);

        sink.awaitCount("shared:temp", 5);
        sink.awaitCount("second:own", 5);

        assertThat(sink.of("shared:temp")).extracting(Reading::value).containsOnly(1.0);
        assertThat(second.reads("temp")).isZero();
        assertThat(sampler.sources())
                .extracting(s -> s.spec().source() + " from " + s.plugin())
                .containsExactly("second:own from second", "shared:temp from first");
    }

    @Test
    void readNowReadsASourceWithoutWaitingForItsSchedule() throws InterruptedException {
        AtomicInteger counter = new AtomicInteger();
        ScriptedSensor meter = new ScriptedSensor(
                "meter", id -> Sample.of(counter.incrementAndGet()), source("meter", "count", HOURLY));
        startAll(meter);
        sink.awaitCount("meter:count", 1);
        clock.advance(Duration.ofMinutes(1));

        Reading now = sampler.readNow("meter:count");

        assertThat(now).isNotNull();
        assertThat(now.value()).isEqualTo(2.0);
        assertThat(now.timestamp()).isEqualTo(clock.instant());
        assertThat(sink.count("meter:count"))
                .as("readNow returns the reading; it does not store it")
                .isEqualTo(1);
        assertThat(state("meter:count").samples()).isEqualTo(2);
    }

    @Test
    void readNowRefusesAnUnknownSource() {
        assertThatThrownBy(() -> sampler.readNow("meter:nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("meter:nope");
    }

    @Test
    void closeStopsSampling() throws InterruptedException {
        ScriptedSensor meter = new ScriptedSensor("meter", id -> Sample.of(1), source("meter", "value", FAST));
        startAll(meter);
        sink.awaitCount("meter:value", 3);

        sampler.close();
        int stored = sink.count("meter:value");
        int reads = meter.reads("value");

        assertThat(sink.waitForCount("meter:value", stored + 1, Duration.ofMillis(150)))
                .as("readings after close")
                .isFalse();
        assertThat(meter.reads("value")).isEqualTo(reads);
    }

    @Test
    void aReadThatOutlastsCloseIsNotHandedOn() throws InterruptedException {
        sampler = open(new ReadingSampler(NODE, clock, sink, Duration.ofMillis(50)));
        CountDownLatch reading = new CountDownLatch(1);
        ScriptedSensor stubborn = new ScriptedSensor(
                "stubborn",
                id -> {
                    reading.countDown();
                    awaitGate(true); // ignores the interrupt close sends after its grace period
                    return Sample.of(1);
                },
                source("stubborn", "value", HOURLY));
        startAll(stubborn);
        assertThat(reading.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        long start = System.nanoTime();
        sampler.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        gate.countDown();

        assertThat(sink.waitForCount("stubborn:value", 1, Duration.ofMillis(200)))
                .as("a reading after close")
                .isFalse();
    }

    @Test
    void aSinkThatThrowsDoesNotStopTheSource() throws InterruptedException {
        AtomicBoolean first = new AtomicBoolean(true);
        sampler = open(new ReadingSampler(NODE, clock, reading -> {
            if (first.getAndSet(false)) {
                throw new IllegalStateException("writer closed");
            }
            sink.accept(reading);
        }));
        startAll(new ScriptedSensor("meter", id -> Sample.of(1), source("meter", "value", FAST)));

        sink.awaitCount("meter:value", 3);

        assertThat(state("meter:value").failures()).isEqualTo(1);
    }

    private void startAll(Plugin... plugins) {
        LoadedPlugins loaded = open(LoadedPlugins.of(List.of(plugins)));
        PluginHost host = open(new PluginHost(loaded, clock, Duration.ofSeconds(2)));
        host.start(PluginConfigs.pluginsSection(loaded.configSpecs(), loaded.enabledByDefault(), Map.of()), NODE, data);
        List<SensorHandle> sensors = host.sensors();
        assertThat(sensors).as("running sensors").hasSize(plugins.length);
        sensors.forEach(sampler::start);
    }

    private <T extends AutoCloseable> T open(T resource) {
        opened.push(resource);
        return resource;
    }

    private ReadingSampler.SourceState state(String source) {
        return sampler.sources().stream()
                .filter(s -> s.spec().source().equals(source))
                .findFirst()
                .orElseThrow();
    }

    private void assertFailing(String source, String error) {
        ReadingSampler.SourceState state = state(source);
        assertThat(state.failures()).as("failures of %s", source).isPositive().isEqualTo(state.samples());
        assertThat(state.lastError()).as("last error of %s", source).contains(error);
    }

    /** Blocks until the test opens the gate; an interrupt ends the wait unless {@code ignoreInterrupts}. */
    private void awaitGate(boolean ignoreInterrupts) {
        boolean interrupted = false;
        while (true) {
            try {
                gate.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                if (!ignoreInterrupts) {
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static SourceSpec source(String type, String id, Duration interval) {
        return new SourceSpec(type, id, "u", true, interval, "A test source", Map.of());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** For state the sampler does not announce ({@link ReadingSampler#sources()}): checks it every few milliseconds. */
    private static void awaitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what + " after " + PATIENCE);
            }
            Thread.sleep(5);
        }
    }

    /** The sampler's sink: keeps every reading and wakes tests waiting for a number of them. */
    private static final class RecordingSink implements Consumer<Reading> {

        private final List<Reading> readings = new ArrayList<>();

        @Override
        public synchronized void accept(Reading reading) {
            readings.add(reading);
            notifyAll();
        }

        synchronized List<Reading> of(String source) {
            return readings.stream().filter(r -> r.source().equals(source)).toList();
        }

        synchronized int count(String source) {
            return of(source).size();
        }

        synchronized List<String> sources() {
            return readings.stream().map(Reading::source).distinct().toList();
        }

        /** Waits up to {@code limit} for {@code count} readings of {@code source}; returns whether they came. */
        synchronized boolean waitForCount(String source, int count, Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (count(source) < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }

        /** Waits for {@code count} readings of {@code source} and returns them all; fails after {@link #PATIENCE}. */
        synchronized List<Reading> awaitCount(String source, int count) throws InterruptedException {
            if (!waitForCount(source, count, PATIENCE)) {
                throw new AssertionError("expected " + count + " readings of " + source + " within " + PATIENCE
                        + " but got " + count(source));
            }
            return of(source);
        }
    }

    /**
     * A sensor plugin that offers the given sources and answers each read with the test's function,
     * which may throw or block; it counts the reads of each source.
     */
    private static final class ScriptedSensor implements SensorPlugin {

        private final String name;
        private final List<SourceSpec> sources;
        private final Function<String, Sample> reader;
        private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();

        ScriptedSensor(String name, Function<String, Sample> reader, SourceSpec... sources) {
            this.name = name;
            this.reader = reader;
            this.sources = List.of(sources);
        }

        int reads(String sourceId) {
            AtomicInteger count = reads.get(sourceId);
            return count == null ? 0 : count.get();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "A sensor whose reads the test scripts.";
        }

        @Override
        public List<SourceSpec> sources() {
            return sources;
        }

        @Override
        public Sample sample(String sourceId) {
            reads.computeIfAbsent(sourceId, id -> new AtomicInteger()).incrementAndGet();
            return Objects.requireNonNull(reader.apply(sourceId));
        }
    }
}
