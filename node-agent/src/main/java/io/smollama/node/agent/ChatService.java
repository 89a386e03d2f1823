package io.smollama.node.agent;

import io.smollama.common.ChatEvent;
import io.smollama.common.ChatMessage;
import io.smollama.common.ChatRequest;
import io.smollama.common.ChatSession;
import io.smollama.common.ChatTranscript;
import io.smollama.common.ComponentHealth;
import io.smollama.common.NodeEvent;
import io.smollama.node.events.EventBus;
import io.smollama.node.llm.LlmStatus;
import io.smollama.node.store.ChatLog;
import io.smollama.node.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Chat as the node offers it: sessions whose history persists, one question answered at a time (a
 * Pi runs one model), every step published on the event bus as a WebSocket {@code chat} event, and
 * the fallback when the LLM cannot answer: {@code skip} ends with an {@code error} event
 * ({@code llm_unavailable}), {@code queue} stores the question and answers it, in arrival order,
 * once a periodic check finds the LLM back.
 */
public final class ChatService implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChatService.class.getName());
    static final int MAX_QUESTION_CHARS = 8_000;
    static final int HISTORY_MESSAGES = 20;
    static final int SESSION_LIST_LIMIT = 200;

    private final String node;
    private final ChatLog store;
    private final ChatAgent agent;
    private final OllamaLlm llm;
    private final EventBus bus;
    private final Clock clock;
    private final ReentrantLock oneAtATime = new ReentrantLock(true);
    private final ScheduledExecutorService checker;

    private ChatService(String node, ChatLog store, ChatAgent agent, OllamaLlm llm, EventBus bus, Clock clock) {
        this.node = node;
        this.store = store;
        this.agent = agent;
        this.llm = llm;
        this.bus = bus;
        this.clock = clock;
        this.checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "llm-check");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Builds the chat service and starts its periodic LLM check (which refreshes the health status
     * and answers queued questions when the LLM is back).
     */
    public static ChatService start(
            String node, Database db, OllamaLlm llm, Supplier<List<AgentTool>> tools, EventBus bus, Clock clock) {
        ChatService service =
                new ChatService(node, new ChatLog(db), new ChatAgent(llm, tools, node, clock), llm, bus, clock);
        long every = llm.settings().queueCheckInterval().toMillis();
        service.checker.scheduleWithFixedDelay(service::checkAndDrain, 0, every, TimeUnit.MILLISECONDS);
        return service;
    }

    /**
     * Checks a request before anything streams; returns the session id to use (a new one when the
     * request names none). Throws {@link IllegalArgumentException} naming the problem.
     */
    public String accept(ChatRequest request) {
        if (request.message() == null || request.message().isBlank()) {
            throw new IllegalArgumentException("'message' must be a non-empty question");
        }
        if (request.message().length() > MAX_QUESTION_CHARS) {
            throw new IllegalArgumentException("'message' has "
                    + request.message().length() + " characters; at most " + MAX_QUESTION_CHARS + " are accepted");
        }
        String id = request.sessionId();
        if (id == null || id.isBlank()) {
            return UUID.randomUUID().toString();
        }
        if (!id.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException(
                    "'sessionId' must be 1 to 64 letters, digits, '-' or '_', got '" + id + "'");
        }
        return id;
    }

    /**
     * Answers a question accepted by {@link #accept}: {@code sink} (the SSE stream) receives every
     * event, starting with {@code session} and ending with a terminal one, which is also returned.
     * A sink that throws (the client went away) is dropped; the answer still completes and is kept.
     */
    public ChatEvent ask(String sessionId, String question, Consumer<ChatEvent> sink) {
        Emitter emit = new Emitter(sink);
        emit.accept(ChatEvent.session(sessionId));
        store.ensureSession(sessionId, question, now());
        oneAtATime.lock();
        try {
            // stored once the previous answer is in: a question asked while another in the same
            // session is being answered follows that answer in the history, not precedes it
            store.append(sessionId, new ChatMessage("user", question.strip(), null, null, now()));
            ChatAgent.Result result = answerOrFail(sessionId, store.conversation(sessionId, HISTORY_MESSAGES), emit);
            for (ChatMessage m : result.messages()) {
                store.append(sessionId, m);
            }
            ChatEvent last =
                    switch (result) {
                        case ChatAgent.Result.Answered a -> ChatEvent.done(sessionId, a.text());
                        case ChatAgent.Result.Failed f -> ChatEvent.failed(sessionId, f.code(), f.reason());
                        case ChatAgent.Result.Unavailable u -> fallback(sessionId, question, u.reason());
                    };
            emit.accept(last);
            return last;
        } finally {
            oneAtATime.unlock();
        }
    }

    private ChatEvent fallback(String sessionId, String question, String reason) {
        if (llm.settings().fallback() == AgentSettings.Fallback.QUEUE) {
            store.enqueue(sessionId, question.strip(), now());
            int depth = store.queueDepth();
            return ChatEvent.queued(
                    sessionId,
                    "The LLM cannot answer right now (" + reason + "). Your question is queued (" + depth
                            + " waiting) and will be answered in this session when the LLM is back;"
                            + " the answer also arrives as WebSocket chat events.");
        }
        return ChatEvent.failed(
                sessionId,
                "llm_unavailable",
                "The LLM cannot answer right now (" + reason + "). Try again later, or set"
                        + " agent.fallback: queue to have questions answered when it is back.");
    }

    /** Refreshes the LLM status; when it is usable, answers the queued questions in order. */
    void checkAndDrain() {
        try {
            LlmStatus status = llm.probe();
            if (!status.usable() || store.queueDepth() == 0) {
                return;
            }
            oneAtATime.lock();
            try {
                for (ChatLog.Queued q : store.queued()) {
                    if (!answerQueued(q)) {
                        return;
                    }
                }
            } finally {
                oneAtATime.unlock();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "checking the LLM or answering queued questions failed", e);
        }
    }

    /** Answers one queued question; false when the LLM went away again (it stays queued). */
    private boolean answerQueued(ChatLog.Queued q) {
        Emitter emit = new Emitter(e -> {});
        emit.accept(ChatEvent.session(q.sessionId()));
        List<ChatMessage> history = new ArrayList<>(store.conversation(q.sessionId(), HISTORY_MESSAGES));
        ChatMessage last = history.isEmpty() ? null : history.getLast();
        if (last == null || !last.role().equals("user") || !last.content().equals(q.question())) {
            history.add(new ChatMessage("user", q.question(), null, null, q.queuedAt()));
        }
        ChatAgent.Result result = answerOrFail(q.sessionId(), history, emit);
        switch (result) {
            case ChatAgent.Result.Answered a -> {
                store.answered(q.id(), q.sessionId(), a.messages());
                emit.accept(ChatEvent.done(q.sessionId(), a.text()));
                LOG.info("answered a question queued at " + q.queuedAt() + " in session " + q.sessionId());
                return true;
            }
            case ChatAgent.Result.Failed f -> {
                store.answered(q.id(), q.sessionId(), f.messages());
                emit.accept(ChatEvent.failed(q.sessionId(), f.code(), f.reason()));
                return true;
            }
            case ChatAgent.Result.Unavailable u -> {
                LOG.info("the LLM went away again while answering queued questions: " + u.reason());
                return false;
            }
        }
    }

    /**
     * The agent's answer; a fault of the node (a tool set that cannot be built, a bug) is logged once and
     * becomes a {@code Failed} result, so the client still gets a terminal event and a queued question does
     * not block the queue for ever.
     */
    private ChatAgent.Result answerOrFail(String sessionId, List<ChatMessage> history, Emitter emit) {
        try {
            return agent.answer(sessionId, history, emit);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the agent failed to answer in session " + sessionId, e);
            return new ChatAgent.Result.Failed(
                    "internal_error",
                    "The node could not answer this question because of an internal error; see the node's log.",
                    List.of());
        }
    }

    public List<ChatSession> sessions() {
        return store.sessions(SESSION_LIST_LIMIT);
    }

    public Optional<ChatTranscript> transcript(String sessionId) {
        return store.transcript(sessionId);
    }

    /** Questions waiting for the LLM to come back ({@code agent.fallback: queue}); one small count query. */
    public int queuedQuestions() {
        return store.queueDepth();
    }

    /** The {@code llm} health component: Ollama reachable, the model present, questions queued. */
    public Map<String, ComponentHealth> health() {
        int queued = store.queueDepth();
        String q = queued == 0 ? "" : "; " + queued + " questions queued";
        ComponentHealth h = llm.lastKnown()
                .map(s -> s.usable() && queued == 0
                        ? ComponentHealth.up(s.detail())
                        : s.usable()
                                ? new ComponentHealth(ComponentHealth.Status.DEGRADED, s.detail() + q)
                                : new ComponentHealth(
                                        // a node without an LLM still works (statistics write its observations);
                                        // it is degraded only when someone is waiting for an answer
                                        queued > 0 ? ComponentHealth.Status.DEGRADED : ComponentHealth.Status.DISABLED,
                                        "unavailable: " + s.detail() + q))
                .orElseGet(() -> ComponentHealth.up(
                        "checking Ollama at " + llm.settings().ollamaUrl() + q));
        return Map.of("llm", h);
    }

    @Override
    public void close() {
        checker.shutdownNow();
        try {
            checker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Sends each event to the bus and to a sink that is dropped the first time it throws. */
    private final class Emitter implements Consumer<ChatEvent> {
        private volatile Consumer<ChatEvent> sink;

        Emitter(Consumer<ChatEvent> sink) {
            this.sink = sink;
        }

        @Override
        public void accept(ChatEvent event) {
            bus.publish(new NodeEvent.ChatStreamEvent(node, event));
            try {
                sink.accept(event);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "the chat client went away; the answer continues for the session", e);
                sink = ev -> {};
            }
        }
    }
}
