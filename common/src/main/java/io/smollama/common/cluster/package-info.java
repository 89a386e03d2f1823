/** The wire model of a hub's cluster views ({@code /api/cluster/...}): every node, their readings, counts. */
@NullMarked
package io.smollama.common.cluster;

import org.jspecify.annotations.NullMarked;
