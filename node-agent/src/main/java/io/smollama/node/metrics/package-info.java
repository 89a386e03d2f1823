/** The node's Prometheus metrics: a small dependency-free registry, JVM figures and {@code GET /metrics}. */
@NullMarked
package io.smollama.node.metrics;

import org.jspecify.annotations.NullMarked;
