package io.smollama.node.agent;

import io.smollama.common.NodeClient;
import io.smollama.common.NodeEvent;
import io.smollama.common.Reading;
import io.smollama.node.events.EventBus;
import io.smollama.node.events.EventStream;
import io.smollama.node.http.ApiServer;
import io.smollama.node.http.TokenAuth;
import io.smollama.node.readings.ReadingSampler;
import io.smollama.node.store.Database;
import io.smollama.node.store.ReadingLog;
import io.smollama.node.testsupport.ScriptedOllama;
import io.smollama.node.testsupport.TestNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The chat stack on loopback without the rest of the node: a real database in a temp directory, the
 * reading and memory tools (memory through {@link ListMemoryBook}), the real LangChain4j client
 * talking to {@link ScriptedOllama}, and the chat API on a real server on port 0.
 */
final class ChatFixture implements AutoCloseable {

    final ScriptedOllama ollama;
    final ListMemoryBook memory = new ListMemoryBook();
    final Database db;
    final ReadingLog log;
    final ChatService chat;
    final NodeClient client;
    final List<NodeEvent> published = new CopyOnWriteArrayList<>();
    private final ReadingSampler sampler;
    private final ApiServer server;
    private final EventStream events;

    ChatFixture(Path dir, AgentSettings.Fallback fallback) throws Exception {
        Clock clock = Clock.systemUTC();
        this.ollama = ScriptedOllama.start();
        this.db = Database.open(dir);
        this.log = new ReadingLog(db, clock);
        this.sampler = new ReadingSampler("test-node", clock, r -> {});
        EventBus bus = new EventBus();
        bus.subscribe(published::add);
        OllamaLlm llm = new OllamaLlm(settings(ollama.url(), fallback), clock);
        ReadingTools readings = new ReadingTools(log, sampler, clock);
        MemoryTools memories = new MemoryTools(memory, () -> AgentTools.knownSources(log, sampler));
        this.chat = ChatService.start(
                "test-node",
                db,
                llm,
                () -> {
                    List<AgentTool> all = new ArrayList<>(readings.tools());
                    all.addAll(memories.tools());
                    return all;
                },
                bus,
                clock);
        TokenAuth auth = new TokenAuth(TestNode.TOKEN, true);
        this.events = new EventStream("test-node", bus, auth);
        this.server = new ApiServer(
                        "127.0.0.1",
                        0,
                        1 << 20,
                        auth,
                        new io.smollama.node.metrics.MetricRegistry(),
                        List.of(new ChatHttpService(chat, 1 << 20)),
                        events)
                .start();
        this.client = new NodeClient(baseUri(), TestNode.TOKEN, Duration.ofSeconds(10));
    }

    static AgentSettings settings(String url, AgentSettings.Fallback fallback) {
        return new AgentSettings(
                url,
                ScriptedOllama.CHAT_MODEL,
                ScriptedOllama.EMBEDDING_MODEL,
                false,
                300,
                Duration.ofSeconds(2),
                Duration.ofSeconds(10),
                6,
                fallback,
                2,
                Duration.ofMillis(20),
                Duration.ofMillis(100));
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    void reading(String type, String id, double value, String unit) {
        log.append(List.of(Reading.numeric("test-node", type, id, value, unit, java.time.Instant.now(), Map.of())));
    }

    @Override
    public void close() {
        client.close();
        events.close();
        server.close();
        chat.close();
        sampler.close();
        db.close();
        ollama.close();
    }
}
