/** The seam between the node and its language model. */
@NullMarked
package io.smollama.node.llm;

import org.jspecify.annotations.NullMarked;
