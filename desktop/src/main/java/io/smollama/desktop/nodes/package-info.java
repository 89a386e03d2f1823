/** The Nodes screen: every known node with its state, node detail, adding and removing nodes. */
@NullMarked
package io.smollama.desktop.nodes;

import org.jspecify.annotations.NullMarked;
