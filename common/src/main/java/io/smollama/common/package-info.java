/** The wire model shared by node-agents and the console. */
@NullMarked
package io.smollama.common;

import org.jspecify.annotations.NullMarked;
