/**
 * Zero-config mDNS discovery of Smollama nodes ({@code _smollama._tcp.local.}): announcing a node
 * and browsing for the others. The only package that uses JmDNS.
 */
@NullMarked
package io.smollama.common.discovery;

import org.jspecify.annotations.NullMarked;
