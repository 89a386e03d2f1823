package io.smollama.desktop.service;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * API tokens per node (keyed by base URL), in {@code tokens.properties} in the console's config
 * directory. The file is created readable and writable by the user only (0600 on POSIX; an existing
 * file with wider rights is tightened). Tokens are never logged and never part of an exception
 * message.
 */
public final class TokenStore {

    private final Path file;
    private final Properties tokens = new Properties();

    public TokenStore(Path configDir) {
        this.file = configDir.resolve("tokens.properties");
        if (Files.exists(file)) {
            tighten(file);
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                tokens.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the token file " + file, e);
            }
        }
    }

    public Path file() {
        return file;
    }

    public synchronized Optional<String> token(URI node) {
        return Optional.ofNullable(tokens.getProperty(key(node)));
    }

    /** Stores (or with a blank token removes) a node's token and writes the file at once. */
    public synchronized void put(URI node, String token) {
        if (token.isBlank()) {
            tokens.remove(key(node));
        } else {
            tokens.setProperty(key(node), token.strip());
        }
        save();
    }

    public synchronized void remove(URI node) {
        if (tokens.remove(key(node)) != null) {
            save();
        }
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(".tokens.tmp");
            Files.deleteIfExists(tmp);
            if (posix()) {
                Files.createFile(
                        tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(tmp);
            }
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                tokens.store(out, "Smollama console: API tokens per node. Keep this file private.");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the token file " + file, e);
        }
    }

    private static void tighten(Path f) {
        if (posix()) {
            try {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make the token file " + f + " private (chmod 600 it)", e);
            }
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    static String key(URI node) {
        String s = node.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
