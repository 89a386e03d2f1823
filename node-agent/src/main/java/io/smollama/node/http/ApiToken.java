package io.smollama.node.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The node's API token: taken from config when set, else read from the token file, else generated
 * on first start into that file with owner-only permissions (0600).
 */
public final class ApiToken {

    private ApiToken() {}

    public static String resolve(Optional<String> configured, Path tokenFile) throws IOException {
        if (configured.isPresent() && !configured.get().isBlank()) {
            return configured.get().trim();
        }
        if (Files.isRegularFile(tokenFile)) {
            String existing =
                    Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
            if (!existing.isEmpty()) {
                keepPrivate(tokenFile);
                return existing;
            }
        }
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Path dir = tokenFile.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".api-token", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system (Windows): the directory's ACL protects the file instead
            }
            Files.writeString(tmp, token + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, tokenFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return token;
    }

    /** Takes group and other permissions off an existing token file, saying so. */
    private static void keepPrivate(Path tokenFile) throws IOException {
        try {
            var perms = Files.getPosixFilePermissions(tokenFile);
            var owner = PosixFilePermissions.fromString("rw-------");
            if (!owner.containsAll(perms)) {
                Files.setPosixFilePermissions(tokenFile, owner);
                System.getLogger(ApiToken.class.getName())
                        .log(
                                System.Logger.Level.WARNING,
                                "the API token file " + tokenFile
                                        + " was readable by other users; it is now owner-only (0600)");
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to tighten
        }
    }
}
