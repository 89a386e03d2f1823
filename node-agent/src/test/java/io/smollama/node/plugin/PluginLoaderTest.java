package io.smollama.node.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smollama.common.PluginInfo;
import io.smollama.node.testsupport.PluginConfigs;
import io.smollama.node.testsupport.PluginJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLoaderTest {

    private static final String SENSOR_SERVICE = SensorPlugin.class.getName();

    @TempDir
    Path temp;

    private Path pluginsDir() throws Exception {
        return Files.createDirectories(temp.resolve("plugins"));
    }

    private static PluginInfo failure(LoadedPlugins loaded, String origin) {
        return loaded.failures().stream()
                .filter(f -> f.origin().equals(origin))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void builtinPluginsAreFoundOnTheClassPathOnceEach() {
        try (LoadedPlugins loaded = new PluginLoader(null).load()) {
            assertThat(loaded.names()).containsExactly("system", "gpio", "simulated");
            assertThat(loaded.failures()).isEmpty();
            assertThat(loaded.enabledByDefault())
                    .containsEntry("simulated", false)
                    .containsEntry("system", true);
            assertThat(loaded.configSpecs().get("gpio").field("pins")).isPresent();
        }
    }

    @Test
    void dropInJarIsDiscoveredWithItsFileNameAsOriginAndRuns() throws Exception {
        Path dir = pluginsDir();
        PluginJars.build(
                dir,
                "weather-1.0.jar",
                Map.of(
                        "com.example.weather.WeatherPlugin",
                        PluginJars.sensorSource("com.example.weather", "WeatherPlugin", "weather", "")),
                Map.of(SENSOR_SERVICE, List.of("com.example.weather.WeatherPlugin")));

        try (LoadedPlugins loaded = new PluginLoader(dir).load();
                PluginHost host = new PluginHost(loaded, Clock.systemUTC())) {
            assertThat(loaded.names()).containsExactly("system", "gpio", "simulated", "weather");
            host.start(
                    PluginConfigs.pluginsSection(loaded.configSpecs(), loaded.enabledByDefault(), Map.of()),
                    "n",
                    temp.resolve("data"));

            PluginInfo weather = host.status().stream()
                    .filter(p -> p.name().equals("weather"))
                    .findFirst()
                    .orElseThrow();
            assertThat(weather)
                    .isEqualTo(new PluginInfo(
                            "weather", "sensor", "RUNNING", null, "weather-1.0.jar", List.of("weather:answer")));
            SensorHandle handle = host.sensors().stream()
                    .filter(s -> s.plugin().equals("weather"))
                    .findFirst()
                    .orElseThrow();
            assertThat(handle.sample("answer")).isEqualTo(Sample.of(42));
        }
        assertThatThrownBy(() -> Class.forName(
                        "com.example.weather.WeatherPlugin", false, getClass().getClassLoader()))
                .as("the drop-in plugin is visible only through its jar's class loader")
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void corruptJarIsReportedAndTheOtherPluginsStillLoad() throws Exception {
        Path dir = pluginsDir();
        Files.write(dir.resolve("broken.jar"), new byte[] {'n', 'o', 't', ' ', 'a', ' ', 'z', 'i', 'p'});

        try (LoadedPlugins loaded = new PluginLoader(dir).load()) {
            assertThat(loaded.names()).containsExactly("system", "gpio", "simulated");
            PluginInfo broken = failure(loaded, "broken.jar");
            assertThat(broken.name()).isEqualTo("broken");
            assertThat(broken.state()).isEqualTo("FAILED");
            assertThat(broken.reason()).startsWith("could not open the jar");
        }
    }

    @Test
    void jarWithoutServiceFilesIsReported() throws Exception {
        Path dir = pluginsDir();
        PluginJars.build(dir, "empty.jar", Map.of(), Map.of());

        try (LoadedPlugins loaded = new PluginLoader(dir).load()) {
            assertThat(failure(loaded, "empty.jar").reason()).startsWith("the jar declares no plugin");
        }
    }

    @Test
    void providerThatThrowsInItsConstructorIsReportedAndItsNeighboursLoad() throws Exception {
        Path dir = pluginsDir();
        PluginJars.build(
                dir,
                "mixed.jar",
                Map.of(
                        "com.example.Grumpy",
                        PluginJars.sensorSource(
                                "com.example",
                                "Grumpy",
                                "grumpy",
                                "if (true) throw new IllegalStateException(\"no licence key\");"),
                        "com.example.Happy",
                        PluginJars.sensorSource("com.example", "Happy", "happy", "")),
                Map.of(SENSOR_SERVICE, List.of("com.example.Missing", "com.example.Grumpy", "com.example.Happy")));

        try (LoadedPlugins loaded = new PluginLoader(dir).load()) {
            assertThat(loaded.names()).contains("happy").doesNotContain("grumpy");
            assertThat(loaded.failures())
                    .extracting(PluginInfo::name)
                    .containsExactlyInAnyOrder("com.example.Missing", "com.example.Grumpy");
            PluginInfo grumpy = loaded.failures().stream()
                    .filter(f -> f.name().equals("com.example.Grumpy"))
                    .findFirst()
                    .orElseThrow();
            assertThat(grumpy.reason()).isEqualTo("could not create com.example.Grumpy: no licence key");
            assertThat(grumpy.origin()).isEqualTo("mixed.jar");
        }
    }

    @Test
    void dropInPluginNamedLikeABuiltinIsFailedAsDuplicate() throws Exception {
        Path dir = pluginsDir();
        PluginJars.build(
                dir,
                "impostor.jar",
                Map.of("com.example.Impostor", PluginJars.sensorSource("com.example", "Impostor", "system", "")),
                Map.of(SENSOR_SERVICE, List.of("com.example.Impostor")));

        try (LoadedPlugins loaded = new PluginLoader(dir).load()) {
            PluginInfo impostor = failure(loaded, "impostor.jar");
            assertThat(impostor.name()).isEqualTo("system");
            assertThat(impostor.reason())
                    .isEqualTo(
                            "duplicate plugin name, already provided by builtin (io.smollama.node.plugin.system.SystemPlugin)");
        }
    }

    @Test
    void missingPluginsDirectoryMeansOnlyBuiltins() {
        try (LoadedPlugins loaded = new PluginLoader(temp.resolve("nowhere")).load()) {
            assertThat(loaded.names()).containsExactly("system", "gpio", "simulated");
            assertThat(loaded.failures()).isEmpty();
        }
    }
}
