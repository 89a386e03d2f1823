package io.smollama.node.plugin;

import io.smollama.common.PluginInfo;
import io.smollama.node.config.ConfigSpec;
import io.smollama.node.config.NodeSchema;
import java.io.IOException;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The plugins found at start-up, before any of them runs: each usable plugin with its origin, config
 * schema and default, plus the ones that could not be loaded (with the reason). The config schema is
 * built from {@link #configSpecs()} and {@link #enabledByDefault()}. Plugin names are unique: a
 * second plugin with a name already taken is recorded as a failure. Owns the class loaders of
 * drop-in jars; close it after the {@link PluginHost} has stopped.
 */
public final class LoadedPlugins implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LoadedPlugins.class.getName());
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    /** A plugin that loaded, with what was read from it once so later calls cannot fail. */
    record Entry(Plugin plugin, String name, String origin, ConfigSpec spec, boolean enabledByDefault) {}

    private final List<Entry> entries;
    private final List<PluginInfo> failures;
    private final List<URLClassLoader> classLoaders;

    private LoadedPlugins(List<Entry> entries, List<PluginInfo> failures, List<URLClassLoader> classLoaders) {
        this.entries = List.copyOf(entries);
        this.failures = List.copyOf(failures);
        this.classLoaders = List.copyOf(classLoaders);
    }

    /** Plugins given as instances (origin {@code builtin}), checked like discovered ones; for tests and embedding. */
    public static LoadedPlugins of(List<? extends Plugin> plugins) {
        Builder builder = new Builder();
        plugins.forEach(p -> builder.add(p, "builtin"));
        return builder.build();
    }

    /** Each usable plugin's name → the keys its config section accepts, in load order. */
    public Map<String, ConfigSpec> configSpecs() {
        Map<String, ConfigSpec> specs = new LinkedHashMap<>();
        entries.forEach(e -> specs.put(e.name(), e.spec()));
        return specs;
    }

    /** Each usable plugin's name → whether it runs when its section does not say {@code enabled}. */
    public Map<String, Boolean> enabledByDefault() {
        Map<String, Boolean> defaults = new LinkedHashMap<>();
        entries.forEach(e -> defaults.put(e.name(), e.enabledByDefault()));
        return defaults;
    }

    public List<String> names() {
        return entries.stream().map(Entry::name).toList();
    }

    /** Plugins and jars that could not be loaded, as FAILED status entries with the reason. */
    public List<PluginInfo> failures() {
        return failures;
    }

    /**
     * Asks each enabled plugin to check its section ({@link Plugin#validate}), as config problems
     * with the file and line of the setting concerned. A plugin that throws while checking is one
     * problem too, not a crash.
     */
    public List<io.smollama.node.config.ConfigProblem> check(io.smollama.node.config.Settings pluginsSection) {
        List<io.smollama.node.config.ConfigProblem> problems = new ArrayList<>();
        for (Entry e : entries) {
            io.smollama.node.config.Settings section = pluginsSection.section(e.name());
            if (!section.bool("enabled")) {
                continue;
            }
            try {
                for (Plugin.SettingProblem p : e.plugin().validate(section)) {
                    String key =
                            p.where().path().isEmpty() ? p.key() : p.where().path() + "." + p.key();
                    problems.add(
                            new io.smollama.node.config.ConfigProblem(p.where().origin(p.key()), key, p.message()));
                }
            } catch (RuntimeException | LinkageError ex) {
                problems.add(new io.smollama.node.config.ConfigProblem(
                        section.origin("enabled"),
                        section.path(),
                        "plugin " + e.name() + " could not check its settings: " + describe(ex)));
            }
        }
        return problems;
    }

    List<Entry> entries() {
        return entries;
    }

    @Override
    public void close() {
        for (URLClassLoader loader : classLoaders.reversed()) {
            try {
                loader.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "Could not close plugin class loader " + loader.getName(), e);
            }
        }
    }

    static String kindOf(Class<?> type) {
        boolean sensor = SensorPlugin.class.isAssignableFrom(type);
        boolean actuator = ActuatorPlugin.class.isAssignableFrom(type);
        if (sensor && actuator) return "sensor+actuator";
        if (sensor) return "sensor";
        return actuator ? "actuator" : "unknown";
    }

    static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    /** Collects plugins in discovery order, enforcing valid and unique names. */
    static final class Builder {
        private final List<Entry> entries = new ArrayList<>();
        private final Map<String, Entry> byName = new HashMap<>();
        private final List<PluginInfo> failures = new ArrayList<>();
        private final List<URLClassLoader> classLoaders = new ArrayList<>();

        /** Adds a plugin, or records why it cannot be used; returns whether it was added. */
        boolean add(Plugin plugin, String origin) {
            String className = plugin.getClass().getName();
            String kind = kindOf(plugin.getClass());
            String name;
            ConfigSpec spec;
            boolean enabled;
            try {
                name = plugin.name();
                spec = plugin.configSpec();
                enabled = plugin.enabledByDefault();
            } catch (RuntimeException | LinkageError e) {
                fail(className, kind, origin, "could not read name and config of " + className + ": " + describe(e), e);
                return false;
            }
            if (!NAME.matcher(name).matches()) {
                fail(
                        className,
                        kind,
                        origin,
                        "plugin name '" + name + "' of " + className
                                + " must be lower_snake_case (letters, digits, _; at most 64 characters)");
                return false;
            }
            if (NodeSchema.PLUGINS_SECTION_KEYS.contains(name)) {
                fail(
                        name,
                        kind,
                        origin,
                        "plugin name '" + name + "' is taken by the setting plugins." + name
                                + "; the plugin needs another name");
                return false;
            }
            if (spec.field("enabled").isPresent()) {
                fail(name, kind, origin, "its config declares 'enabled', which every plugin section already has");
                return false;
            }
            Entry existing = byName.get(name);
            if (existing != null) {
                fail(
                        name,
                        kind,
                        origin,
                        "duplicate plugin name, already provided by " + existing.origin() + " ("
                                + existing.plugin().getClass().getName() + ")");
                return false;
            }
            Entry entry = new Entry(plugin, name, origin, spec, enabled);
            entries.add(entry);
            byName.put(name, entry);
            return true;
        }

        void fail(String name, String kind, String origin, String reason) {
            fail(name, kind, origin, reason, null);
        }

        void fail(String name, String kind, String origin, String reason, @Nullable Throwable cause) {
            String message = "Plugin " + name + " from " + origin + " not loaded: " + reason;
            if (cause == null) {
                LOG.log(System.Logger.Level.WARNING, message);
            } else {
                LOG.log(System.Logger.Level.WARNING, message, cause);
            }
            failures.add(new PluginInfo(name, kind, "FAILED", reason, origin, List.of()));
        }

        void own(URLClassLoader loader) {
            classLoaders.add(loader);
        }

        LoadedPlugins build() {
            return new LoadedPlugins(entries, failures, classLoaders);
        }
    }
}
