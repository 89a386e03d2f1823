/** Screenshots of the console's screens (the {@code --screenshots DIR} tour) written as PNG files. */
@NullMarked
package io.smollama.desktop.shots;

import org.jspecify.annotations.NullMarked;
