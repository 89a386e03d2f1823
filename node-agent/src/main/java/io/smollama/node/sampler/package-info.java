/** sampler. */
@NullMarked
package io.smollama.node.sampler;

import org.jspecify.annotations.NullMarked;
