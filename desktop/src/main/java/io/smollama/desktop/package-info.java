/** The operator console: the application shell, its views, view-models and node services. */
@NullMarked
package io.smollama.desktop;

import org.jspecify.annotations.NullMarked;
