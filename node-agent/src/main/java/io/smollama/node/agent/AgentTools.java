package io.smollama.node.agent;

import io.smollama.node.memory.MemoryBook;
import io.smollama.node.plugin.Actuators;
import io.smollama.node.readings.ReadingSampler;
import io.smollama.node.store.ReadingLog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The tools the agent offers, gathered for each question: the reading tools, the memory tools (when
 * the node has a memory), one tool per running actuator action, and tools other packages add (MQTT,
 * cluster) through {@link #add}.
 */
public final class AgentTools {

    private final ReadingTools readings;
    private final @Nullable MemoryTools memory;
    private final ActuatorTools actuators;
    private final List<AgentTool> extra = new CopyOnWriteArrayList<>();

    public AgentTools(
            ReadingLog log, ReadingSampler sampler, Actuators actuators, @Nullable MemoryBook memory, Clock clock) {
        this.readings = new ReadingTools(log, sampler, clock);
        this.memory = memory == null ? null : new MemoryTools(memory, () -> knownSources(log, sampler));
        this.actuators = new ActuatorTools(actuators);
    }

    /** The sources the node samples now and those it has stored readings of. */
    static Set<String> knownSources(ReadingLog log, ReadingSampler sampler) {
        Set<String> known = new LinkedHashSet<>();
        sampler.sources().forEach(s -> known.add(s.spec().source()));
        log.latestAll().forEach(r -> known.add(r.source()));
        return known;
    }

    /** Adds a tool from another package; its name must not clash with another tool's. */
    public AgentTools add(AgentTool tool) {
        extra.add(tool);
        return this;
    }

    /**
     * Every tool, as of now (actuator tools follow the plugins that are running). Actuator tools are
     * named apart from the others, so an action called like a built-in tool cannot break the agent.
     */
    public List<AgentTool> all() {
        List<AgentTool> all = new ArrayList<>(readings.tools());
        if (memory != null) {
            all.addAll(memory.tools());
        }
        all.addAll(extra);
        Set<String> taken = new HashSet<>();
        all.forEach(t -> taken.add(t.name()));
        all.addAll(actuators.tools(taken));
        return all;
    }
}
