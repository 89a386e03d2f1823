/** cli. */
@NullMarked
package io.smollama.node.cli;

import org.jspecify.annotations.NullMarked;
