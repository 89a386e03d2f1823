/** Node health: what each component reports, rolled up for {@code /api/health} and {@code status}. */
@NullMarked
package io.smollama.node.health;

import org.jspecify.annotations.NullMarked;
