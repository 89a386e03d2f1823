/** The readings table: every source of every node, live, filterable and sortable. */
@NullMarked
package io.smollama.desktop.readings;

import org.jspecify.annotations.NullMarked;
