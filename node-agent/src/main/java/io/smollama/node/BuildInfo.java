package io.smollama.node;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;

/** The version and build facts stamped into the jar at build time. */
public final class BuildInfo {

    private static final Properties PROPS = load();

    private BuildInfo() {}

    public static String version() {
        return PROPS.getProperty("version", "dev");
    }

    /** The git commit the jar was built from (short hash, with {@code -dirty} for uncommitted changes), or {@code unknown}. */
    public static String commit() {
        String c = PROPS.getProperty("git.commit", "").trim();
        return c.isEmpty() || c.startsWith("${") ? "unknown" : c;
    }

    public static Map<String, String> asMap() {
        return Map.of(
                "version", version(),
                "commit", commit(),
                "buildTime", PROPS.getProperty("build.time", "unknown"),
                "java", System.getProperty("java.version", "unknown"),
                "os", System.getProperty("os.name", "?") + " " + System.getProperty("os.arch", "?"));
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new IllegalStateException("build.properties in the node-agent jar is unreadable", e);
        }
        return p;
    }
}
