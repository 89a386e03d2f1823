package io.smollama.node.observe;

import io.smollama.common.ComponentHealth;
import io.smollama.node.config.NodeConfig;
import io.smollama.node.llm.LlmClient;
import io.smollama.node.memory.MemoryBook;
import io.smollama.node.store.ReadingLog;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * What {@code NodeAgent} holds for the observation loop: the running loop, or the reason it does not run
 * (an edge node, {@code observe.enabled: false}, a node built without memory or LLM). Either way it
 * answers the {@code observe} component of {@code /api/health}.
 */
public final class ObserveComponent implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ObserveComponent.class.getName());

    private final @Nullable ObservationLoop loop;
    private final String notRunning;

    private ObserveComponent(@Nullable ObservationLoop loop, String notRunning) {
        this.loop = loop;
        this.notRunning = notRunning;
    }

    /** Starts the loop when this node should observe, else records why not. */
    public static ObserveComponent start(
            String node,
            NodeConfig.Role role,
            ObserveSettings settings,
            ReadingLog log,
            @Nullable MemoryBook memory,
            @Nullable LlmClient llm,
            Clock clock) {
        String why = role == NodeConfig.Role.EDGE
                ? "edge nodes do not observe"
                : !settings.enabled()
                        ? "observe.enabled is false"
                        : memory == null
                                ? "no memory store on this node"
                                : llm == null ? "no LLM client on this node" : null;
        if (why != null) {
            LOG.info("observation loop not started: " + why);
            return new ObserveComponent(null, why);
        }
        return new ObserveComponent(ObservationLoop.start(node, settings, log, memory, llm, clock), "");
    }

    public Optional<ObservationLoop> loop() {
        return Optional.ofNullable(loop);
    }

    public Map<String, ComponentHealth> health() {
        return loop != null
                ? loop.health()
                : Map.of("observe", new ComponentHealth(ComponentHealth.Status.DISABLED, notRunning));
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
    }
}
