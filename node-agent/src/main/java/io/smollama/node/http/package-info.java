/** http. */
@NullMarked
package io.smollama.node.http;

import org.jspecify.annotations.NullMarked;
