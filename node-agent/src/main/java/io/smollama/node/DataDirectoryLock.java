package io.smollama.node;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes sure one node-agent at a time uses a data directory: two writers on one database would
 * fight over it. The OS releases the lock when the process dies, even by {@code kill -9}.
 */
public final class DataDirectoryLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static DataDirectoryLock acquire(Path dataDir) throws IOException {
        createPrivately(dataDir);
        Path file = dataDir.resolve("agent.lock");
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (AccessDeniedException e) {
            // typically a packaged node's directory (owned by the smollama user) used from a login shell
            throw new AccessDeniedException(
                    file.toString(),
                    null,
                    "this user may not use the data directory " + dataDir + owner(dataDir)
                            + "; run the agent as its owner (a packaged node: sudo -u smollama smollama-node ...)"
                            + " or give it its own storage.path");
        }
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null; // this very process holds it already
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
            ch.close();
            throw new IllegalStateException("another node-agent" + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                    + " is already using the data directory " + dataDir
                    + "; stop it, or give this one its own storage.path");
        }
        ch.truncate(0);
        ch.write(
                java.nio.ByteBuffer.wrap(
                        Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)),
                0);
        return new DataDirectoryLock(ch, lock);
    }

    private static String owner(Path dir) {
        try {
            return " (owned by " + Files.getOwner(dir).getName() + ")";
        } catch (IOException | UnsupportedOperationException e) {
            return ""; // only a hint in an error message: without the owner the message still says what to do
        }
    }

    /** Creates the data directory owner-only (0700) when it does not exist yet: it holds the token and every reading. */
    static void createPrivately(Path dataDir) throws IOException {
        if (Files.isDirectory(dataDir)) {
            return;
        }
        Path parent = dataDir.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(
                    dataDir,
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dataDir); // not POSIX (Windows): the user's profile ACL applies
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // created meanwhile by someone else: fine
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
