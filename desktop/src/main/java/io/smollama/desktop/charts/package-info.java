/** Time-series charts on ChartFX: the only package that imports it. */
@NullMarked
package io.smollama.desktop.charts;

import org.jspecify.annotations.NullMarked;
