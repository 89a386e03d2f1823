/** The plugin SPI: sensor and actuator plugins, their lifecycle, and the registry that isolates them. */
@NullMarked
package io.smollama.node.plugin;

import org.jspecify.annotations.NullMarked;
