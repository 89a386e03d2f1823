package io.smollama.node.store;

/**
 * The store could not do what was asked for a reason outside the caller's control: the data directory
 * is not writable, the file is not a SQLite database, the schema is newer than this build, or SQLite
 * failed (disk full, I/O error). The message names the database path.
 */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
