/** The cluster as one node sees it: its members, their state, fan-out views and cross-node recall. */
@NullMarked
package io.smollama.node.cluster;

import org.jspecify.annotations.NullMarked;
