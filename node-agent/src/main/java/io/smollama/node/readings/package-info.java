/** Readings: the sampler that reads every source on its own schedule, and the readings API. */
@NullMarked
package io.smollama.node.readings;

import org.jspecify.annotations.NullMarked;
