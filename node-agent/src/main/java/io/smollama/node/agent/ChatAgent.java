package io.smollama.node.agent;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.smollama.common.ChatEvent;
import io.smollama.common.ChatMessage;
import io.smollama.node.llm.LlmUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The tool-calling loop for one question: streams a round from the model, runs the tools it asks
 * for and hands their results back, until the model answers or {@code agent.max_iterations} rounds
 * have passed. A round that cannot reach the LLM is retried {@code agent.retries} times with
 * exponential backoff before the question counts as {@link Result.Unavailable}.
 */
final class ChatAgent {

    private static final Logger LOG = Logger.getLogger(ChatAgent.class.getName());

    /** How a question ended, with the messages to keep in the session (tool calls, then the answer). */
    sealed interface Result {
        List<ChatMessage> messages();

        record Answered(String text, List<ChatMessage> messages) implements Result {}

        /** The LLM could not be reached (after retries) before it said anything in the failing round. */
        record Unavailable(String reason, List<ChatMessage> messages) implements Result {}

        record Failed(String code, String reason, List<ChatMessage> messages) implements Result {}
    }

    private final OllamaLlm llm;
    private final Supplier<List<AgentTool>> tools;
    private final String node;
    private final Clock clock;

    ChatAgent(OllamaLlm llm, Supplier<List<AgentTool>> tools, String node, Clock clock) {
        this.llm = llm;
        this.tools = tools;
        this.node = node;
        this.clock = clock;
    }

    /**
     * Answers {@code question}, which is the last message of {@code history} (the session so far,
     * oldest first). Every step goes to {@code events} as it happens: tokens, tool calls, tool
     * results; the terminal event is the caller's.
     */
    Result answer(String sessionId, List<ChatMessage> history, Consumer<ChatEvent> events) {
        AgentSettings s = llm.settings();
        Toolbox toolbox = new Toolbox(tools.get());
        List<dev.langchain4j.data.message.ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(systemPrompt(toolbox)));
        for (ChatMessage m : history) {
            messages.add(m.role().equals("assistant") ? AiMessage.from(m.content()) : UserMessage.from(m.content()));
        }
        List<ChatMessage> kept = new ArrayList<>();
        for (int round = 0; round < s.maxIterations(); round++) {
            StringBuilder streamed = new StringBuilder();
            ChatResponse response;
            try {
                response = roundWithRetries(messages, toolbox, sessionId, events, streamed);
            } catch (LlmUnavailableException e) {
                if (!streamed.isEmpty()) {
                    return new Result.Failed(
                            "llm_failed", "The LLM stopped in the middle of its answer: " + e.getMessage(), kept);
                }
                return new Result.Unavailable(e.getMessage(), kept);
            }
            AiMessage ai = response.aiMessage();
            if (!ai.hasToolExecutionRequests()) {
                String text = ai.text() != null && !ai.text().isBlank() ? ai.text() : streamed.toString();
                kept.add(new ChatMessage("assistant", text, null, null, now()));
                return new Result.Answered(text, kept);
            }
            messages.add(ai);
            for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
                String args = call.arguments() == null ? "{}" : call.arguments();
                events.accept(ChatEvent.toolCall(sessionId, call.name(), args));
                Toolbox.Outcome outcome = toolbox.execute(call.name(), args);
                events.accept(ChatEvent.toolResult(sessionId, call.name(), outcome.text(), outcome.error()));
                String forModel = outcome.error() ? "ERROR: " + outcome.text() : outcome.text();
                messages.add(ToolExecutionResultMessage.from(call, forModel.isEmpty() ? "(no output)" : forModel));
                kept.add(new ChatMessage("tool", forModel, call.name(), args, now()));
            }
        }
        return new Result.Failed(
                "max_iterations",
                "The agent used all " + s.maxIterations() + " tool-calling rounds without an answer;"
                        + " ask a narrower question or raise agent.max_iterations.",
                kept);
    }

    private ChatResponse roundWithRetries(
            List<dev.langchain4j.data.message.ChatMessage> messages,
            Toolbox toolbox,
            String sessionId,
            Consumer<ChatEvent> events,
            StringBuilder streamed) {
        AgentSettings s = llm.settings();
        Duration wait = s.retryBackoff();
        for (int attempt = 0; ; attempt++) {
            try {
                return llm.stream(messages, toolbox.specifications(), token -> {
                    streamed.append(token);
                    events.accept(ChatEvent.token(sessionId, token));
                });
            } catch (LlmUnavailableException e) {
                if (!streamed.isEmpty() || attempt >= s.retries()) {
                    throw e;
                }
                LOG.info("the LLM did not answer (" + e.getMessage() + "); retry " + (attempt + 1) + " of "
                        + s.retries() + " in " + wait.toMillis() + " ms");
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new LlmUnavailableException("interrupted while waiting to retry", ie);
                }
                wait = wait.multipliedBy(2);
            }
        }
    }

    private String systemPrompt(Toolbox toolbox) {
        return """
                You are the assistant of the Smollama node "%s", a small computer with sensors and \
                actuators. The time now is %s (UTC).
                Use the tools to read sensors (list_sources, read_source, get_reading_history), to search \
                what the node remembers and has observed (recall), to keep facts (remember, forget, observe) \
                and to switch actuators. Never invent readings: read them. When a tool returns an ERROR, \
                correct the call or tell the user what failed. Answer briefly and plainly, with units.
                Tools available: %s.""".formatted(node, now(), String.join(", ", toolbox.names()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
