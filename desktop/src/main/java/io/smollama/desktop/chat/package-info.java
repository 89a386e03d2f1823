/** The Chat screen: talk to a node's agent, with streamed answers, inline tool calls and resumable sessions. */
@NullMarked
package io.smollama.desktop.chat;

import org.jspecify.annotations.NullMarked;
