/** The Memory screen: search observations and memories on one node or across the cluster, and forget memories. */
@NullMarked
package io.smollama.desktop.memory;

import org.jspecify.annotations.NullMarked;
