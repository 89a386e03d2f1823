package io.smollama.node.plugin;

import io.smollama.common.ActionResult;
import io.smollama.common.ActuatorInfo;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The actions of the running actuator plugins, with ids {@code <plugin>:<action>}. {@link #act}
 * validates every parameter before the plugin sees it, serialises calls to one plugin, and turns a
 * plugin that throws into a failed result rather than an exception.
 */
public final class Actuators {

    private static final System.Logger LOG = System.getLogger(Actuators.class.getName());

    private final List<PluginSlot> slots;
    private final Clock clock;

    Actuators(List<PluginSlot> slots, Clock clock) {
        this.slots = slots;
        this.clock = clock;
    }

    /** The actions of every running actuator plugin, in load order. */
    public List<ActuatorInfo> list() {
        List<ActuatorInfo> infos = new ArrayList<>();
        for (PluginSlot slot : running()) {
            for (ActionSpec action : slot.actions()) {
                infos.add(new ActuatorInfo(
                        slot.name() + ":" + action.id(),
                        slot.name(),
                        action.description(),
                        action.params().stream().map(Actuators::info).toList()));
            }
        }
        return List.copyOf(infos);
    }

    private static ActuatorInfo.ParameterInfo info(ParamSpec p) {
        return new ActuatorInfo.ParameterInfo(
                p.name(),
                p.type().name().toLowerCase(Locale.ROOT),
                p.description(),
                p.required(),
                p.min(),
                p.max(),
                p.allowed());
    }

    /**
     * Performs the action {@code id} with {@code rawParams} as they arrived (JSON values).
     *
     * @throws UnknownActuatorException when no running plugin offers {@code id}
     * @throws IllegalArgumentException when a parameter is missing, of the wrong type, out of range
     *     or unknown; the message names it and what was expected
     */
    public ActionResult act(String id, Map<String, ?> rawParams) {
        int colon = id.indexOf(':');
        String pluginName = colon < 0 ? id : id.substring(0, colon);
        String actionId = colon < 0 ? "" : id.substring(colon + 1);
        PluginSlot slot = running().stream()
                .filter(s -> s.name().equals(pluginName))
                .findFirst()
                .orElseThrow(() -> unknown(id, pluginName));
        ActionSpec action = slot.actions().stream()
                .filter(a -> a.id().equals(actionId))
                .findFirst()
                .orElseThrow(() -> new UnknownActuatorException(
                        id, "unknown actuator '" + id + "': plugin " + pluginName + " offers " + offered(slot)));
        Map<String, Object> params = validate(id, action, rawParams);
        ActionOutcome outcome;
        try {
            outcome = slot.call(() -> ((ActuatorPlugin) slot.plugin()).act(actionId, params))
                    .orElseGet(() -> ActionOutcome.failed("plugin " + pluginName + " returned no outcome, or is busy: "
                            + "another call into it has not returned for " + PluginSlot.CALL_WAIT.toSeconds() + " s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = ActionOutcome.failed("interrupted while waiting for plugin " + pluginName);
        } catch (OutOfMemoryError e) {
            throw e;
        } catch (Throwable e) { // a plugin's bug, whatever it throws, becomes a failed result
            LOG.log(System.Logger.Level.WARNING, "Actuator " + id + " failed", e);
            outcome = ActionOutcome.failed("plugin " + pluginName + " failed: " + LoadedPlugins.describe(e));
        }
        return new ActionResult(
                id,
                outcome.ok(),
                outcome.message(),
                outcome.state(),
                clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    private UnknownActuatorException unknown(String id, String pluginName) {
        Optional<PluginSlot> loaded =
                slots.stream().filter(s -> s.name().equals(pluginName)).findFirst();
        String why = loaded.map(
                        s -> "plugin " + pluginName + " is " + s.state().name().toLowerCase(Locale.ROOT))
                .orElse("there is no plugin named '" + pluginName + "'");
        return new UnknownActuatorException(id, "unknown actuator '" + id + "': " + why);
    }

    private static String offered(PluginSlot slot) {
        List<ActionSpec> actions = slot.actions();
        return actions.isEmpty()
                ? "no actions"
                : String.join(
                        ", ",
                        actions.stream().map(a -> slot.name() + ":" + a.id()).toList());
    }

    private static Map<String, Object> validate(String id, ActionSpec action, Map<String, ?> raw) {
        List<String> unknown = raw.keySet().stream()
                .filter(k -> action.params().stream().noneMatch(p -> p.name().equals(k)))
                .sorted()
                .toList();
        if (!unknown.isEmpty()) {
            String takes = action.params().isEmpty()
                    ? "it takes no parameters"
                    : "it takes "
                            + String.join(
                                    ", ",
                                    action.params().stream()
                                            .map(ParamSpec::name)
                                            .toList());
            throw new IllegalArgumentException((unknown.size() == 1 ? "unknown parameter '" : "unknown parameters '")
                    + String.join("', '", unknown) + "' for " + id + ": " + takes);
        }
        Map<String, Object> converted = new LinkedHashMap<>();
        for (ParamSpec param : action.params()) {
            Object value = raw.get(param.name());
            if (value == null && !param.required()) {
                continue;
            }
            converted.put(param.name(), param.convert(value));
        }
        return converted;
    }

    private List<PluginSlot> running() {
        return slots.stream()
                .filter(s -> s.state() == PluginSlot.State.RUNNING && s.plugin() instanceof ActuatorPlugin)
                .toList();
    }
}
