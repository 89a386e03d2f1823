/** bench. */
@NullMarked
package io.smollama.node.bench;

import org.jspecify.annotations.NullMarked;
