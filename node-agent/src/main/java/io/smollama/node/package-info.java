/** The node-agent process: its configuration step and the one place that wires its components. */
@NullMarked
package io.smollama.node;

import org.jspecify.annotations.NullMarked;
