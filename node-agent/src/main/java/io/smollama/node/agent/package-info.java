/**
 * The tool-calling agent: the Ollama client (through LangChain4j, the only package that imports its
 * chat classes), the tools, chat sessions and their HTTP API, and the queue for questions asked while
 * the LLM is away.
 */
@NullMarked
package io.smollama.node.agent;

import org.jspecify.annotations.NullMarked;
