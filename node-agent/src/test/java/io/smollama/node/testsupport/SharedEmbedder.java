package io.smollama.node.testsupport;

import io.smollama.node.memory.LocalEmbedder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The in-process all-MiniLM-L6-v2 embedder, loaded once per test JVM (loading takes about two seconds)
 * and shared by every test that needs real embeddings. Its native libraries go to a temporary directory.
 */
public final class SharedEmbedder {

    private static LocalEmbedder instance;

    private SharedEmbedder() {}

    public static synchronized LocalEmbedder get() {
        if (instance == null) {
            try {
                instance = LocalEmbedder.start(Files.createTempDirectory("smollama-djl"));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            instance.awaitLoaded();
        }
        return instance;
    }

    /** A directory for the native cache of embedders a test starts itself. */
    public static Path cacheDir() throws IOException {
        return Files.createTempDirectory("smollama-djl");
    }
}
