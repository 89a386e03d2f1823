package io.smollama.node.plugin;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds plugins with {@link ServiceLoader}: first on the application class path (origin
 * {@code builtin}), then in each {@code *.jar} of the plugins directory, in file-name order, each
 * jar with its own class loader (origin = the jar's file name). Both {@link SensorPlugin} and
 * {@link ActuatorPlugin} service files are read; a class listed in both becomes one instance.
 * Nothing found here is fatal: a jar that cannot be opened, a provider that cannot be created and a
 * duplicate name each end up in {@link LoadedPlugins#failures()} with the reason.
 */
public final class PluginLoader {

    private static final List<Class<? extends Plugin>> SERVICES = List.of(SensorPlugin.class, ActuatorPlugin.class);
    private static final Pattern PROVIDER_IN_MESSAGE = Pattern.compile("Provider ([\\w.$]+)");
    private static final int MAX_ERRORS_PER_SERVICE = 100;

    private final @Nullable Path pluginsDirectory;
    private final ClassLoader applicationLoader;

    /** A loader for the built-in plugins and, when {@code pluginsDirectory} is given and exists, its jars. */
    public PluginLoader(@Nullable Path pluginsDirectory) {
        this(pluginsDirectory, PluginLoader.class.getClassLoader());
    }

    PluginLoader(@Nullable Path pluginsDirectory, ClassLoader applicationLoader) {
        this.pluginsDirectory = pluginsDirectory;
        this.applicationLoader = applicationLoader;
    }

    public LoadedPlugins load() {
        LoadedPlugins.Builder builder = new LoadedPlugins.Builder();
        discover(applicationLoader, null, "builtin", builder);
        for (Path jar : jars(builder)) {
            loadJar(jar, builder);
        }
        return builder.build();
    }

    private List<Path> jars(LoadedPlugins.Builder builder) {
        List<Path> jars = new ArrayList<>();
        if (pluginsDirectory == null || !Files.isDirectory(pluginsDirectory)) {
            return jars;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(pluginsDirectory, "*.jar")) {
            stream.forEach(jars::add);
        } catch (IOException e) {
            builder.fail(
                    pluginsDirectory.getFileName().toString(),
                    "unknown",
                    pluginsDirectory.toString(),
                    "could not list the plugins directory " + pluginsDirectory + ": " + LoadedPlugins.describe(e),
                    e);
        }
        jars.sort(null);
        return jars;
    }

    private void loadJar(Path jar, LoadedPlugins.Builder builder) {
        String origin = jar.getFileName().toString();
        String name = origin.substring(0, origin.length() - ".jar".length());
        try (JarFile file = new JarFile(jar.toFile())) {
            boolean declares =
                    SERVICES.stream().anyMatch(s -> file.getEntry("META-INF/services/" + s.getName()) != null);
            if (!declares) {
                builder.fail(
                        name,
                        "unknown",
                        origin,
                        "the jar declares no plugin: it has neither META-INF/services/" + SensorPlugin.class.getName()
                                + " nor META-INF/services/" + ActuatorPlugin.class.getName());
                return;
            }
        } catch (IOException | SecurityException e) {
            builder.fail(
                    name, "unknown", origin, "could not open the jar " + jar + ": " + LoadedPlugins.describe(e), e);
            return;
        }
        URL url;
        try {
            url = jar.toUri().toURL();
        } catch (MalformedURLException e) {
            builder.fail(name, "unknown", origin, "could not address the jar " + jar + ": " + e.getMessage(), e);
            return;
        }
        URLClassLoader loader = new URLClassLoader("plugin-" + origin, new URL[] {url}, applicationLoader);
        builder.own(loader);
        if (discover(loader, loader, origin, builder) == 0) {
            builder.fail(name, "unknown", origin, "the jar's service files name no plugin that could be loaded");
        }
    }

    /**
     * Instantiates the providers {@code loader} sees; with {@code owner} set, only classes defined by
     * it (a jar's loader also sees the application's providers through its parent). Returns how many
     * providers of this origin were found, usable or not.
     */
    private int discover(
            ClassLoader loader, @Nullable ClassLoader owner, String origin, LoadedPlugins.Builder builder) {
        Map<Class<?>, Plugin> created = new HashMap<>();
        Set<String> failed = new HashSet<>();
        for (Class<? extends Plugin> service : SERVICES) {
            discoverService(service, loader, owner, origin, builder, created, failed);
        }
        return created.size() + failed.size();
    }

    private <S extends Plugin> void discoverService(
            Class<S> service,
            ClassLoader loader,
            @Nullable ClassLoader owner,
            String origin,
            LoadedPlugins.Builder builder,
            Map<Class<?>, Plugin> created,
            Set<String> failed) {
        Iterator<ServiceLoader.Provider<S>> providers =
                ServiceLoader.load(service, loader).stream().iterator();
        String kind = LoadedPlugins.kindOf(service);
        int errors = 0;
        while (errors < MAX_ERRORS_PER_SERVICE) {
            ServiceLoader.Provider<S> provider;
            Class<? extends S> type;
            try {
                if (!providers.hasNext()) {
                    return;
                }
                provider = providers.next();
                type = provider.type();
            } catch (ServiceConfigurationError | LinkageError e) {
                errors++;
                String name = providerName(e, origin);
                if (failed.add(name)) {
                    builder.fail(name, kind, origin, "could not find provider: " + LoadedPlugins.describe(e), e);
                }
                continue;
            }
            if ((owner != null && type.getClassLoader() != owner)
                    || created.containsKey(type)
                    || failed.contains(type.getName())) {
                continue;
            }
            try {
                Plugin plugin = provider.get();
                created.put(type, plugin);
                builder.add(plugin, origin);
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                failed.add(type.getName());
                builder.fail(
                        type.getName(),
                        LoadedPlugins.kindOf(type),
                        origin,
                        "could not create " + type.getName() + ": " + LoadedPlugins.describe(e),
                        e);
            }
        }
    }

    private static String providerName(Throwable e, String origin) {
        Matcher m = PROVIDER_IN_MESSAGE.matcher(String.valueOf(e.getMessage()));
        return m.find() ? m.group(1) : origin;
    }
}
