/** The built-in {@code system} plugin: CPU temperature, load, CPU, memory and disk use, and uptime of this machine. */
@NullMarked
package io.smollama.node.plugin.system;

import org.jspecify.annotations.NullMarked;
