/** The built-in {@code simulated} plugin: seeded, realistic demo sensors for machines without hardware. */
@NullMarked
package io.smollama.node.plugin.simulated;

import org.jspecify.annotations.NullMarked;
