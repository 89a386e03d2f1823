/**
 * MQTT meets the agent: the {@code publish} and {@code get_recent_messages} tools, and the questions that messages
 * on {@code mqtt.agent_topics} put to the agent. Neither the MQTT package nor this one imports LangChain4j.
 */
@NullMarked
package io.smollama.node.mqttagent;

import org.jspecify.annotations.NullMarked;
