/** The dashboard: live multi-node charts on shared time axes and tiles for pinned sources. */
@NullMarked
package io.smollama.desktop.dashboard;

import org.jspecify.annotations.NullMarked;
