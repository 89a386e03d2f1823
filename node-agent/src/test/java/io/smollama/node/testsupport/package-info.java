/** Test helpers shared by several tests: settings from a schema, scripted plugins, plugin jars, a hand-moved clock. */
@NullMarked
package io.smollama.node.testsupport;

import org.jspecify.annotations.NullMarked;
