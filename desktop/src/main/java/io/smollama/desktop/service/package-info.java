/** Services that own the console's node connections and run all I/O off the FX thread. */
@NullMarked
package io.smollama.desktop.service;

import org.jspecify.annotations.NullMarked;
