package io.smollama.node.agent;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import io.smollama.node.llm.LlmCalls;
import io.smollama.node.llm.LlmClient;
import io.smollama.node.llm.LlmStatus;
import io.smollama.node.llm.LlmUnavailableException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The node's LLM over Ollama, through LangChain4j's Ollama chat models: one-shot completions for
 * the observation loop ({@code format: json} when asked), streamed chat rounds with tools for the
 * agent, and a status from {@code /api/tags} (cached for {@link #STATUS_TTL}). Every failure to get
 * an answer is an {@link LlmUnavailableException} with a sentence that says why.
 */
public final class OllamaLlm implements LlmClient {

    static final Duration STATUS_TTL = Duration.ofSeconds(5);

    private final AgentSettings settings;
    private final Clock clock;
    private final OllamaServer server;
    private final OllamaChatModel chat;
    private final OllamaStreamingChatModel streaming;
    private final LlmCalls calls;
    private volatile @Nullable LlmStatus cached;
    private volatile long cachedAt;

    public OllamaLlm(AgentSettings settings, Clock clock) {
        this(settings, clock, LlmCalls.NONE);
    }

    /** An LLM that tells {@code calls} how long each call took and whether it failed. */
    public OllamaLlm(AgentSettings settings, Clock clock, LlmCalls calls) {
        this.settings = settings;
        this.clock = clock;
        this.calls = calls;
        this.server = new OllamaServer(settings.ollamaUrl(), settings.connectTimeout(), settings.timeout());
        OllamaChatRequestParameters params = OllamaChatRequestParameters.builder()
                .modelName(settings.model())
                .keepAlive(settings.keepAliveSeconds())
                .build();
        this.chat = OllamaChatModel.builder()
                .maxRetries(0) // one attempt: the callers own their retry policy (agent.retries, the loop's own)
                .baseUrl(settings.ollamaUrl())
                .modelName(settings.model())
                .httpClientBuilder(httpClient(settings))
                .defaultRequestParameters(params)
                .build();
        this.streaming = OllamaStreamingChatModel.builder()
                .baseUrl(settings.ollamaUrl())
                .modelName(settings.model())
                .httpClientBuilder(httpClient(settings))
                .defaultRequestParameters(params)
                .build();
    }

    private static JdkHttpClientBuilder httpClient(AgentSettings s) {
        return JdkHttpClient.builder()
                .httpClientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1))
                .connectTimeout(s.connectTimeout())
                .readTimeout(s.timeout());
    }

    public AgentSettings settings() {
        return settings;
    }

    public OllamaServer server() {
        return server;
    }

    @Override
    public String complete(String system, String prompt, boolean json) {
        ChatRequest.Builder req =
                ChatRequest.builder().messages(List.of(SystemMessage.from(system), UserMessage.from(prompt)));
        if (json) {
            req.responseFormat(ResponseFormat.JSON);
        }
        long start = System.nanoTime();
        boolean failed = true;
        try {
            ChatResponse res = chat.chat(req.build());
            String text = res.aiMessage().text();
            failed = false;
            return text == null ? "" : text;
        } catch (RuntimeException e) {
            throw unavailable(e);
        } finally {
            calls.ended("complete", System.nanoTime() - start, failed);
        }
    }

    /**
     * One streamed round of a conversation: {@code onToken} receives the answer's pieces as they
     * arrive; the response holds the whole message, with the tool calls the model asked for.
     */
    ChatResponse stream(List<ChatMessage> messages, List<ToolSpecification> tools, Consumer<String> onToken) {
        long start = System.nanoTime();
        boolean failed = true;
        try {
            ChatResponse response = streamRound(messages, tools, onToken);
            failed = false;
            return response;
        } finally {
            calls.ended("chat", System.nanoTime() - start, failed);
        }
    }

    private ChatResponse streamRound(
            List<ChatMessage> messages, List<ToolSpecification> tools, Consumer<String> onToken) {
        ChatRequest.Builder req = ChatRequest.builder().messages(messages);
        if (!tools.isEmpty()) {
            req.toolSpecifications(tools);
        }
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        try {
            streaming.chat(req.build(), new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(String partial) {
                    if (!partial.isEmpty()) {
                        onToken.accept(partial);
                    }
                }

                @Override
                public void onCompleteResponse(ChatResponse response) {
                    done.complete(response);
                }

                @Override
                public void onError(Throwable error) {
                    done.completeExceptionally(error);
                }
            });
            return done.get(settings.timeout().plus(settings.connectTimeout()).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw unavailable(e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            throw new LlmUnavailableException(
                    "Ollama did not finish answering within "
                            + settings.timeout().toSeconds() + " s",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmUnavailableException("interrupted while waiting for Ollama", e);
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    private LlmUnavailableException unavailable(Throwable e) {
        if (e instanceof LlmUnavailableException u) {
            return u;
        }
        String why = OllamaServer.describe(e);
        cached = new LlmStatus(false, false, settings.model(), "the last call failed: " + why);
        cachedAt = clock.millis();
        return new LlmUnavailableException(
                "Ollama at " + settings.ollamaUrl() + " could not answer with " + settings.model() + ": " + why, e);
    }

    @Override
    public LlmStatus status() {
        LlmStatus s = cached;
        long now = clock.millis();
        if (s != null && now - cachedAt < STATUS_TTL.toMillis()) {
            return s;
        }
        return probe();
    }

    /** The status found by the last check, without asking the server; empty before the first check. */
    public java.util.Optional<LlmStatus> lastKnown() {
        return java.util.Optional.ofNullable(cached);
    }

    /** Asks the server now, bypassing the cache (and refreshing it). */
    public LlmStatus probe() {
        LlmStatus s;
        try {
            List<String> models = server.models();
            boolean present = OllamaServer.has(models, settings.model());
            s = new LlmStatus(
                    true,
                    present,
                    settings.model(),
                    present
                            ? "Ollama at " + settings.ollamaUrl() + " has " + settings.model()
                            : "Ollama at " + settings.ollamaUrl() + " does not have " + settings.model()
                                    + "; run 'smollama-node models pull'");
        } catch (LlmUnavailableException e) {
            s = new LlmStatus(false, false, settings.model(), e.getMessage());
        }
        cached = s;
        cachedAt = clock.millis();
        return s;
    }
}
