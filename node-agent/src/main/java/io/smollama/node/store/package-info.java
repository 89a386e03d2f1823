/** store. */
@NullMarked
package io.smollama.node.store;

import org.jspecify.annotations.NullMarked;
