package io.smollama.node;

import io.smollama.common.PluginInfo;
import io.smollama.node.agent.ChatService;
import io.smollama.node.events.EventStream;
import io.smollama.node.llm.LlmCalls;
import io.smollama.node.memory.MemoryStore;
import io.smollama.node.memory.ObservedEmbedder;
import io.smollama.node.metrics.Cached;
import io.smollama.node.metrics.Counter;
import io.smollama.node.metrics.Histogram;
import io.smollama.node.metrics.JvmMetrics;
import io.smollama.node.metrics.MetricRegistry;
import io.smollama.node.mqtt.MqttService;
import io.smollama.node.plugin.PluginHost;
import io.smollama.node.readings.ReadingSampler;
import io.smollama.node.store.ReadingWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * The node's metrics, registered by {@link NodeAgent} as it builds each component; the list in
 * docs/operations.md follows this class. Every figure is read from what the component already keeps; the
 * only database reads per scrape are two counts of small tables (the MQTT outbox, the chat queue), and the
 * MQTT counts are read once per scrape.
 */
final class NodeMetrics {

    private static final Duration SCRAPE = Duration.ofSeconds(1);

    private NodeMetrics() {}

    /** A registry with the JVM's figures and {@code smollama_build_info}. */
    static MetricRegistry create() {
        MetricRegistry registry = new MetricRegistry();
        registry.gauges(
                "smollama_build_info",
                "Always 1; the labels say which build runs (commit: the git commit it was built from)",
                List.of("version", "commit"),
                () -> Map.of(List.of(BuildInfo.version(), BuildInfo.commit()), 1));
        JvmMetrics.register(registry);
        return registry;
    }

    static void readings(MetricRegistry registry, ReadingWriter writer, ReadingSampler sampler, PluginHost plugins) {
        registry.counter(
                "smollama_readings_ingested_total",
                "Readings committed to the database (sampled and received over MQTT); rate() gives readings/s",
                () -> writer.status().committed());
        registry.counter(
                "smollama_readings_dropped_total",
                "Readings refused because the write queue stayed full or the writer stopped",
                () -> writer.status().dropped());
        registry.gauge("smollama_writer_queue_depth", "Readings waiting to be committed", () -> writer.status()
                .queueDepth());
        registry.gauge("smollama_sources", "Sources the node samples", () -> sampler.sources()
                .size());
        registry.counters(
                "smollama_plugin_read_failures_total",
                "Failed reads of a source (an exception, a timeout or an invalid value), by plugin",
                List.of("plugin"),
                () -> {
                    Map<List<String>, Long> m = new LinkedHashMap<>();
                    for (var s : sampler.sources()) {
                        m.merge(List.of(s.plugin()), s.failures(), Long::sum);
                    }
                    return m;
                });
        registry.gauges(
                "smollama_plugins", "Plugins by state (RUNNING, FAILED, SKIPPED, ...)", List.of("state"), () -> {
                    Map<List<String>, Long> m = new LinkedHashMap<>();
                    m.put(List.of("RUNNING"), 0L);
                    m.put(List.of("FAILED"), 0L);
                    for (PluginInfo p : plugins.status()) {
                        m.merge(List.of(p.state()), 1L, Long::sum);
                    }
                    return m;
                });
    }

    static void mqtt(MetricRegistry registry, MqttService mqtt) {
        Cached<Map<String, Long>> counts = new Cached<>(mqtt::counts, SCRAPE);
        registry.gauges(
                "smollama_mqtt_outbox_messages",
                "QoS 1/2 messages waiting in the outbox for the broker (absent when MQTT is off)",
                List.of(),
                () -> one(counts.get(), "mqttOutbox"));
        registry.counters(
                "smollama_mqtt_received_total",
                "MQTT messages received",
                List.of(),
                () -> one(counts.get(), "mqttReceived"));
        registry.counters(
                "smollama_mqtt_published_total",
                "MQTT messages the broker acknowledged (QoS 1/2) or that were sent (QoS 0)",
                List.of(),
                () -> one(counts.get(), "mqttPublished"));
        registry.counters(
                "smollama_mqtt_dropped_total",
                "MQTT messages dropped: the outbox was full, or QoS 0 while disconnected",
                List.of(),
                () -> one(counts.get(), "mqttDropped"));
    }

    private static Map<List<String>, Long> one(Map<String, Long> counts, String key) {
        Long v = counts.get(key);
        return v == null ? Map.of() : Map.of(List.of(), v);
    }

    /** The LLM's latency histogram and error counter, and the observer that feeds them. */
    static LlmCalls llm(MetricRegistry registry) {
        Histogram latency = registry.histogram(
                "smollama_llm_request_duration_seconds",
                "Calls to the LLM (Ollama) by operation: complete (observation loop) or chat (one agent round)",
                Histogram.LLM_SECONDS,
                "operation");
        Counter errors = registry.counter(
                "smollama_llm_errors_total",
                "Calls to the LLM that brought no answer (unreachable, timeout, missing model), by operation",
                "operation");
        return (operation, nanos, failed) -> {
            latency.observe(nanos / 1e9, operation);
            if (failed) {
                errors.inc(operation);
            }
        };
    }

    /** The embedder's latency histogram and counters, and the listener that feeds them. */
    static ObservedEmbedder.Listener embedder(MetricRegistry registry) {
        Histogram latency = registry.histogram(
                "smollama_embed_duration_seconds",
                "Embedding calls (one text or a batch); the first ones wait for the model to load",
                new double[] {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10});
        Counter texts = registry.counter("smollama_embedded_texts_total", "Texts embedded");
        Counter errors = registry.counter("smollama_embed_errors_total", "Embedding calls that failed");
        return (count, nanos, failed) -> {
            latency.observe(nanos / 1e9);
            if (failed) {
                errors.inc();
            } else {
                texts.add(count);
            }
        };
    }

    static void memory(MetricRegistry registry, MemoryStore memory) {
        registry.gauge("smollama_memory_items", "Observations and memories stored", () -> memory.status()
                .items());
        registry.gauge(
                "smollama_memory_items_embedded",
                "Items with a vector of the current model (below smollama_memory_items while re-embedding)",
                () -> memory.status().embedded());
    }

    static void chat(MetricRegistry registry, ChatService chat) {
        registry.gauge(
                "smollama_chat_queued_questions",
                "Questions waiting for the LLM to come back (agent.fallback: queue)",
                chat::queuedQuestions);
    }

    /**
     * Sync's figures, for the sync component to hand over when NodeAgent builds it: how far behind the hub
     * this node is, and the log entries not yet pushed.
     */
    static void sync(MetricRegistry registry, DoubleSupplier lagSeconds, LongSupplier pendingEntries) {
        registry.gauge(
                "smollama_sync_lag_seconds",
                "Seconds since the last successful sync round with the hub (NaN before the first)",
                lagSeconds);
        registry.gauge(
                "smollama_sync_pending_entries",
                "Log entries (observations, memory changes) not yet pushed to the hub",
                () -> pendingEntries.getAsLong());
    }

    static void events(MetricRegistry registry, EventStream events) {
        registry.gauge("smollama_websocket_clients", "WebSocket clients connected to /ws", events::clientCount);
    }
}
