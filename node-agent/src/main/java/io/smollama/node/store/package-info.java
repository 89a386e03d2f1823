/** Durable reading storage: the SQLite database, batched ingest, downsampled history and retention. */
@NullMarked
package io.smollama.node.store;

import org.jspecify.annotations.NullMarked;
