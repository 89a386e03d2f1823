/** This node on the LAN: announcing it over mDNS, listing the nodes it finds, and following the hub. */
@NullMarked
package io.smollama.node.discovery;

import org.jspecify.annotations.NullMarked;
