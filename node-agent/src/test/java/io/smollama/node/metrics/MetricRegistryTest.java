package io.smollama.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MetricRegistryTest {

    @Test
    void anUnlabelledCounterIsWrittenWithHelpTypeAndZeroBeforeItsFirstEvent() {
        MetricRegistry r = new MetricRegistry();
        Counter c = r.counter("smollama_things_total", "Things that happened");

        assertThat(r.scrape()).isEqualTo("""
                        # HELP smollama_things_total Things that happened
                        # TYPE smollama_things_total counter
                        smollama_things_total 0
                        """);
        c.inc();
        c.add(2.5);
        assertThat(Exposition.parse(r.scrape()).value("smollama_things_total")).isEqualTo(3.5);
    }

    @Test
    void labelValuesAndHelpAreEscaped() {
        MetricRegistry r = new MetricRegistry();
        Counter c = r.counter("odd_total", "Help with a \\ backslash\nand a second line", "path");
        c.inc("C:\\dir \"quoted\"\nnext");

        String text = r.scrape();

        assertThat(text)
                .contains("# HELP odd_total Help with a \\\\ backslash\\nand a second line\n")
                .contains("odd_total{path=\"C:\\\\dir \\\"quoted\\\"\\nnext\"} 1\n");
        Exposition parsed = Exposition.parse(text);
        assertThat(parsed.family("odd_total").help()).isEqualTo("Help with a \\ backslash\nand a second line");
        assertThat(parsed.value("odd_total", Map.of("path", "C:\\dir \"quoted\"\nnext")))
                .isEqualTo(1);
    }

    @Test
    void histogramBucketsAreCumulativeAndEndWithInfEqualToCount() {
        MetricRegistry r = new MetricRegistry();
        Histogram h = r.histogram("req_seconds", "Requests", new double[] {0.1, 1, 10}, "route");
        for (double v : new double[] {0.05, 0.1, 0.5, 3, 42}) {
            h.observe(v, "/a/{id}");
        }

        String text = r.scrape();

        assertThat(text)
                .contains("req_seconds_bucket{route=\"/a/{id}\",le=\"0.1\"} 2\n")
                .contains("req_seconds_bucket{route=\"/a/{id}\",le=\"1.0\"} 3\n")
                .contains("req_seconds_bucket{route=\"/a/{id}\",le=\"10.0\"} 4\n")
                .contains("req_seconds_bucket{route=\"/a/{id}\",le=\"+Inf\"} 5\n")
                .contains("req_seconds_sum{route=\"/a/{id}\"} 45.65\n")
                .contains("req_seconds_count{route=\"/a/{id}\"} 5\n");
        Exposition.parse(text); // checks cumulative buckets and _count == +Inf
    }

    @Test
    void randomObservationsAlwaysGiveAWellFormedHistogram() {
        Random random = new Random(20260501L);
        MetricRegistry r = new MetricRegistry();
        Histogram h = r.histogram("latency_seconds", "Latency", Histogram.REQUEST_SECONDS, "method", "status");
        long[] expected = new long[3];
        for (int i = 0; i < 5_000; i++) {
            int series = random.nextInt(3);
            h.observe(Math.exp(random.nextGaussian() * 3 - 4), "GET", series + "xx");
            expected[series]++;
        }

        Exposition parsed = Exposition.parse(r.scrape());

        for (int s = 0; s < 3; s++) {
            assertThat(parsed.value("latency_seconds_count", Map.of("status", s + "xx")))
                    .isEqualTo(expected[s]);
            assertThat(h.count("GET", s + "xx")).isEqualTo(expected[s]);
        }
    }

    @Test
    void functionMetricsAreReadAtScrapeTime() {
        MetricRegistry r = new MetricRegistry();
        AtomicLong depth = new AtomicLong(3);
        r.gauge("queue_depth", "Depth", depth::get);
        r.gauges("pool_threads", "Threads by pool", List.of("pool"), () -> Map.of(List.of("a"), 2, List.of("b"), 5));

        assertThat(Exposition.parse(r.scrape()).value("queue_depth")).isEqualTo(3);
        depth.set(7);
        Exposition parsed = Exposition.parse(r.scrape());
        assertThat(parsed.value("queue_depth")).isEqualTo(7);
        assertThat(parsed.value("pool_threads", Map.of("pool", "b"))).isEqualTo(5);
        assertThat(parsed.family("pool_threads").type()).isEqualTo("gauge");
    }

    @Test
    void aFamilyWhoseFiguresCannotBeReadIsLeftOutAndTheRestIsServed() {
        MetricRegistry r = new MetricRegistry();
        r.gauge("broken", "Cannot be read", () -> {
            throw new IllegalStateException("database locked");
        });
        r.gauge("fine", "Can be read", () -> 1);

        Exposition parsed = Exposition.parse(r.scrape());

        assertThat(parsed.families()).containsOnlyKeys("fine");
    }

    @Test
    void numbersAreWrittenAsPrometheusReadsThem() {
        assertThat(TextFormat.number(3)).isEqualTo("3");
        assertThat(TextFormat.number(-2)).isEqualTo("-2");
        assertThat(TextFormat.number(0.25)).isEqualTo("0.25");
        assertThat(TextFormat.number(1.795515372373e9)).isEqualTo("1795515372.373");
        assertThat(TextFormat.number(0.0005)).isEqualTo("5.0E-4");
        assertThat(TextFormat.number(1e20)).isEqualTo("1.0E20");
        assertThat(TextFormat.number(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(TextFormat.number(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
        assertThat(TextFormat.number(Double.NaN)).isEqualTo("NaN");
    }

    @Test
    void namesLabelsAndCountersFollowPrometheusRules() {
        MetricRegistry r = new MetricRegistry();
        assertThatThrownBy(() -> r.gauge("bad-name", "x", () -> 1)).hasMessageContaining("bad-name");
        assertThatThrownBy(() -> r.counter("events", "x")).hasMessageContaining("_total");
        assertThatThrownBy(() -> r.counter("a_total", "x", "__reserved")).hasMessageContaining("__reserved");
        assertThatThrownBy(() -> r.histogram("h", "x", new double[] {1}, "le")).hasMessageContaining("le");
        assertThatThrownBy(() -> r.histogram("h", "x", new double[] {2, 1})).hasMessageContaining("increasing");
        r.gauge("once", "x", () -> 1);
        assertThatThrownBy(() -> r.gauge("once", "x", () -> 1)).hasMessageContaining("twice");
        Counter c = r.counter("b_total", "x", "route");
        assertThatThrownBy(() -> c.inc()).hasMessageContaining("1 label values");
        assertThatThrownBy(() -> c.add(-1, "a")).hasMessageContaining("cannot go down");
    }

    @Test
    void aLabelThatTakesUnboundedValuesStopsGrowingAtTheCap() {
        MetricRegistry r = new MetricRegistry();
        Counter c = r.counter("paths_total", "x", "path");
        for (int i = 0; i < Children.MAX_LABEL_SETS + 50; i++) {
            c.inc("/p/" + i);
        }

        assertThat(Exposition.parse(r.scrape()).family("paths_total").samples()).hasSize(Children.MAX_LABEL_SETS);
    }

    @Test
    void jvmMetricsAreWellFormedAndPlausible() {
        MetricRegistry r = new MetricRegistry();
        JvmMetrics.register(r);

        Exposition parsed = Exposition.parse(r.scrape());

        assertThat(parsed.value("jvm_memory_used_bytes", Map.of("area", "heap")))
                .isPositive();
        assertThat(parsed.value("jvm_threads_live")).isGreaterThanOrEqualTo(1);
        assertThat(parsed.value("process_start_time_seconds")).isGreaterThan(1.7e9);
        assertThat(parsed.family("jvm_gc_collections_total").type()).isEqualTo("counter");
        if (JvmMetrics.residentBytes().isPresent()) {
            assertThat(parsed.value("process_resident_memory_bytes")).isGreaterThan(1 << 20);
        }
    }
}
