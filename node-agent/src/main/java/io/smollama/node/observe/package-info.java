/** The observation loop: adaptive scheduling, LLM and statistical observations, compaction of old ones. */
@NullMarked
package io.smollama.node.observe;

import org.jspecify.annotations.NullMarked;
