/** Configuration: YAML files, local overlays and environment overrides, validated against a schema. */
@NullMarked
package io.smollama.node.config;

import org.jspecify.annotations.NullMarked;
