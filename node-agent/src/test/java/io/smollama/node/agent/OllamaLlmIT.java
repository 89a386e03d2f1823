package io.smollama.node.agent;

import static io.smollama.node.testsupport.ScriptedOllama.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.smollama.node.llm.LlmStatus;
import io.smollama.node.llm.LlmUnavailableException;
import io.smollama.node.testsupport.ScriptedOllama;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** {@link OllamaLlm} as the observation loop uses it, through LangChain4j, against {@link ScriptedOllama}. */
class OllamaLlmIT {

    @Test
    void completeAsksForJsonWithTheConfiguredModelAndKeepAlive() throws Exception {
        try (ScriptedOllama ollama = ScriptedOllama.start()) {
            OllamaLlm llm =
                    new OllamaLlm(ChatFixture.settings(ollama.url(), AgentSettings.Fallback.SKIP), Clock.systemUTC());
            ollama.reply(text("{\"observations\":[]}"));

            assertThat(llm.complete("You summarise sensors.", "Readings: none", true))
                    .isEqualTo("{\"observations\":[]}");

            JsonNode req = ollama.chatRequests().getFirst();
            assertThat(req.path("model").asText()).isEqualTo(ScriptedOllama.CHAT_MODEL);
            assertThat(req.path("format").asText()).isEqualTo("json");
            assertThat(req.path("stream").asBoolean(true)).isFalse();
            assertThat(req.path("keep_alive").asInt()).isEqualTo(300);
            assertThat(req.path("messages").findValuesAsText("role")).containsExactly("system", "user");

            ollama.reply(text("plain"));
            llm.complete("s", "p", false);
            assertThat(ollama.chatRequests().getLast().has("format")).isFalse();
        }
    }

    @Test
    void statusSaysWhetherOllamaAnswersAndHasTheModel() throws Exception {
        try (ScriptedOllama ollama = ScriptedOllama.start()) {
            OllamaLlm llm =
                    new OllamaLlm(ChatFixture.settings(ollama.url(), AgentSettings.Fallback.SKIP), Clock.systemUTC());
            assertThat(llm.status())
                    .isEqualTo(new LlmStatus(
                            true, true, ScriptedOllama.CHAT_MODEL, "Ollama at " + ollama.url() + " has llama3.2:3b"));

            ollama.models("qwen2.5:1.5b");
            LlmStatus missing = llm.probe();
            assertThat(missing.reachable()).isTrue();
            assertThat(missing.modelPresent()).isFalse();
            assertThat(missing.detail()).contains("smollama-node models pull");
            assertThatThrownBy(() -> llm.complete("s", "p", false))
                    .isInstanceOf(LlmUnavailableException.class)
                    .hasMessageContaining("not found");

            ollama.down();
            LlmStatus down = llm.probe();
            assertThat(down.usable()).isFalse();
            assertThat(down.detail()).contains("connection refused");
            assertThatThrownBy(() -> llm.complete("s", "p", true))
                    .isInstanceOf(LlmUnavailableException.class)
                    .hasMessageContaining("connection refused");
        }
    }
}
