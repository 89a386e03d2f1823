/** The Control screen: a node's actuators with typed inputs, a confirmation before each change, results inline. */
@NullMarked
package io.smollama.desktop.control;

import org.jspecify.annotations.NullMarked;
