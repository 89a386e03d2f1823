/** Observations and memories: embeddings, SQLite storage, hybrid search and their HTTP API. */
@NullMarked
package io.smollama.node.memory;

import org.jspecify.annotations.NullMarked;
