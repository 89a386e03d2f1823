/** The live event bus and the WebSocket that pushes its events to clients. */
@NullMarked
package io.smollama.node.events;

import org.jspecify.annotations.NullMarked;
