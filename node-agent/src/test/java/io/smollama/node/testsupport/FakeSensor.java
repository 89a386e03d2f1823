package io.smollama.node.testsupport;

import io.smollama.node.config.ConfigSpec;
import io.smollama.node.plugin.PluginContext;
import io.smollama.node.plugin.Sample;
import io.smollama.node.plugin.SensorPlugin;
import io.smollama.node.plugin.SourceSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * A sensor plugin whose behaviour a test scripts: it can be unavailable, fail or hang in start,
 * throw in sample or stop. It offers one source {@code value} reading 42 and records its lifecycle
 * calls ({@code start:<name>}, {@code stop:<name>}) in a list the test may share between plugins.
 */
public final class FakeSensor implements SensorPlugin {

    private final String name;
    private final List<String> events;
    private @Nullable String unavailable;
    private @Nullable String startFailure;
    private boolean hangInStart;
    private @Nullable String sampleFailure;
    private @Nullable String stopFailure;
    private @Nullable PluginContext context;

    public FakeSensor(String name) {
        this(name, Collections.synchronizedList(new ArrayList<>()));
    }

    public FakeSensor(String name, List<String> events) {
        this.name = name;
        this.events = events;
    }

    public FakeSensor unavailable(String reason) {
        this.unavailable = reason;
        return this;
    }

    public FakeSensor failingStart(String message) {
        this.startFailure = message;
        return this;
    }

    public FakeSensor hangingStart() {
        this.hangInStart = true;
        return this;
    }

    public FakeSensor throwingSample(String message) {
        this.sampleFailure = message;
        return this;
    }

    public FakeSensor failingStop(String message) {
        this.stopFailure = message;
        return this;
    }

    public List<String> events() {
        return events;
    }

    /** The context the host passed to start, or null before start. */
    public @Nullable PluginContext context() {
        return context;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "A scripted test sensor.";
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.builder().integer("level", 1, 0, 10, "A test setting").build();
    }

    @Override
    public Availability availability(PluginContext context) {
        return unavailable == null ? Availability.yes() : Availability.no(unavailable);
    }

    @Override
    public void start(PluginContext context) throws InterruptedException {
        this.context = context;
        events.add("start:" + name);
        if (hangInStart) {
            new CountDownLatch(1).await();
        }
        if (startFailure != null) {
            throw new IllegalStateException(startFailure);
        }
    }

    @Override
    public List<SourceSpec> sources() {
        return List.of(new SourceSpec(name, "value", "u", true, Duration.ofSeconds(1), "A test value", Map.of()));
    }

    @Override
    public Sample sample(String sourceId) {
        if (sampleFailure != null) {
            throw new IllegalStateException(sampleFailure);
        }
        return Sample.of(42);
    }

    @Override
    public void stop() {
        events.add("stop:" + name);
        if (stopFailure != null) {
            throw new IllegalStateException(stopFailure);
        }
    }
}
