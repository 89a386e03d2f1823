/**
 * The built-in {@code gpio} plugin: configured BCM pins as sources and output actions, through Pi4J
 * (gpiod on a Raspberry Pi, Pi4J's mock provider elsewhere). The only package that imports Pi4J.
 */
@NullMarked
package io.smollama.node.plugin.gpio;

import org.jspecify.annotations.NullMarked;
