package io.smollama.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.common.ChatEvent;
import io.smollama.node.events.EventBus;
import io.smollama.node.store.Database;
import io.smollama.node.testsupport.ScriptedOllama;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fault inside the node while answering still ends the stream with a terminal event. */
class ChatFaultIT {

    @TempDir
    Path dir;

    @Test
    void anAgentThatThrowsEndsTheAnswerWithAnInternalErrorEventAndKeepsTheQuestion() throws Exception {
        Clock clock = Clock.systemUTC();
        try (ScriptedOllama ollama = ScriptedOllama.start();
                Database db = Database.open(dir)) {
            OllamaLlm llm = new OllamaLlm(ChatFixture.settings(ollama.url(), AgentSettings.Fallback.SKIP), clock);
            try (ChatService chat = ChatService.start(
                    "test-node",
                    db,
                    llm,
                    () -> {
                        throw new IllegalStateException("a tool set that cannot be built");
                    },
                    new EventBus(),
                    clock)) {
                List<ChatEvent> streamed = new CopyOnWriteArrayList<>();
                ChatEvent last = chat.ask("s1", "Status?", streamed::add);

                assertThat(last.kind()).isEqualTo("error");
                assertThat(last.code()).isEqualTo("internal_error");
                assertThat(last.text()).doesNotContain("a tool set that cannot be built");
                assertThat(streamed).extracting(ChatEvent::kind).containsExactly("session", "error");
                assertThat(chat.transcript("s1").orElseThrow().messages())
                        .extracting(m -> m.content())
                        .containsExactly("Status?");
            }
        }
    }
}
