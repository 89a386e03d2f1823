package io.smollama.node.observe;

import io.smollama.node.llm.LlmClient;
import io.smollama.node.llm.LlmStatus;
import io.smollama.node.llm.LlmUnavailableException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A test double of {@link LlmClient}: answers with the scripted texts in order and records every prompt.
 * When it is {@link #down} (or runs out of answers) it behaves like an unreachable Ollama.
 */
final class ScriptedLlmClient implements LlmClient {

    private final Deque<String> answers = new ArrayDeque<>();
    final List<String> prompts = new ArrayList<>();
    volatile boolean down;

    static ScriptedLlmClient answering(String... answers) {
        ScriptedLlmClient llm = new ScriptedLlmClient();
        llm.answers.addAll(List.of(answers));
        return llm;
    }

    static ScriptedLlmClient unreachable() {
        ScriptedLlmClient llm = new ScriptedLlmClient();
        llm.down = true;
        return llm;
    }

    synchronized void add(String answer) {
        answers.add(answer);
    }

    @Override
    public synchronized String complete(String system, String prompt, boolean json) {
        prompts.add(prompt);
        if (down || answers.isEmpty()) {
            throw new LlmUnavailableException("connection refused: 127.0.0.1:11434");
        }
        return answers.poll();
    }

    @Override
    public LlmStatus status() {
        return down
                ? new LlmStatus(false, false, "llama3.2:3b", "Ollama at http://127.0.0.1:11434 does not answer")
                : new LlmStatus(true, true, "llama3.2:3b", "ready");
    }
}
