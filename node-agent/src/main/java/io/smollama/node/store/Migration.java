package io.smollama.node.store;

import java.util.List;

/** One step of the schema: applied once, in its own transaction, and recorded in {@code schema_version}. */
record Migration(int version, String description, List<String> statements) {
    Migration {
        statements = List.copyOf(statements);
    }
}
