/** Benchmarks of the reading store, run by {@code smollama-node bench}; each prints {@code name: value unit} lines. */
@NullMarked
package io.smollama.node.bench;

import org.jspecify.annotations.NullMarked;
