/** Conflict-free sync of observations and memories: the CRDT log, merge, push/pull over HTTP, the sync loop. */
@NullMarked
package io.smollama.node.sync;

import org.jspecify.annotations.NullMarked;
