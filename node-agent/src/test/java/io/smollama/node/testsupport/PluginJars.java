package io.smollama.node.testsupport;

import io.smollama.common.Reading;
import io.smollama.node.plugin.Plugin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.jspecify.annotations.Nullable;

/**
 * Builds drop-in plugin jars at test time: compiles Java sources with the system compiler against
 * the plugin SPI's class path, and packs the classes with {@code META-INF/services} files. The
 * compiled plugins are never on the test class path, so only the plugin loader can find them.
 */
public final class PluginJars {

    private PluginJars() {}

    /**
     * Writes {@code <directory>/<jarName>} with {@code sources} (fully qualified class name → code)
     * compiled, and {@code services} (service interface name → provider class names).
     */
    public static Path build(
            Path directory, String jarName, Map<String, String> sources, Map<String, List<String>> services)
            throws IOException {
        Path work = Files.createTempDirectory(directory.getParent(), "plugin-src");
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = work.resolve("src").resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            files.add(file.toString());
        }
        if (!files.isEmpty()) {
            compile(classes, files);
        }
        Path jar = directory.resolve(jarName);
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream zip = new JarOutputStream(out)) {
            try (Stream<Path> walk = Files.walk(classes)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    zip.putNextEntry(
                            new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    zip.write(Files.readAllBytes(file));
                    zip.closeEntry();
                }
            }
            for (Map.Entry<String, List<String>> service : services.entrySet()) {
                zip.putNextEntry(new JarEntry("META-INF/services/" + service.getKey()));
                zip.write((String.join("\n", service.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return jar;
    }

    private static void compile(Path classes, List<String> files) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no system Java compiler: run the tests on a JDK");
        }
        List<String> args =
                new ArrayList<>(List.of("-proc:none", "-d", classes.toString(), "-cp", classPath(), "--release", "21"));
        args.addAll(files);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, errors, errors, args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException(
                    "compiling the test plugin failed:\n" + errors.toString(StandardCharsets.UTF_8));
        }
    }

    /** The locations of the SPI, the wire model and JSpecify, whatever the test runner's class path looks like. */
    private static String classPath() {
        List<String> entries = new ArrayList<>();
        for (Class<?> type : List.of(Plugin.class, Reading.class, Nullable.class)) {
            try {
                entries.add(Path.of(type.getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI())
                        .toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException("cannot locate " + type, e);
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** Source of a minimal sensor plugin {@code <name>} with one source {@code answer} reading 42. */
    public static String sensorSource(String packageName, String className, String name, String constructorBody) {
        return """
                package %s;

                import io.smollama.node.config.ConfigSpec;
                import io.smollama.node.plugin.PluginContext;
                import io.smollama.node.plugin.Sample;
                import io.smollama.node.plugin.SensorPlugin;
                import io.smollama.node.plugin.SourceSpec;
                import java.time.Duration;
                import java.util.List;
                import java.util.Map;

                public final class %s implements SensorPlugin {
                    public %s() { %s }
                    public String name() { return "%s"; }
                    public String description() { return "A drop-in test plugin."; }
                    public ConfigSpec configSpec() { return ConfigSpec.builder().build(); }
                    public void start(PluginContext context) {}
                    public List<SourceSpec> sources() {
                        return List.of(new SourceSpec("%s", "answer", null, true, Duration.ofSeconds(1), "The answer", Map.of()));
                    }
                    public Sample sample(String sourceId) { return Sample.of(42); }
                }
                """.formatted(packageName, className, className, constructorBody, name, name);
    }
}
