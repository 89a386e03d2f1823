package io.smollama.desktop.chat;

import io.smollama.common.ChatEvent;
import io.smollama.common.ChatMessage;
import io.smollama.common.ChatRequest;
import io.smollama.common.ChatSession;
import io.smollama.common.ChatTranscript;
import io.smollama.common.ComponentHealth;
import io.smollama.common.Health;
import io.smollama.common.NodeApiException;
import io.smollama.desktop.service.Background;
import io.smollama.desktop.service.ConsoleNodes;
import io.smollama.desktop.service.NodeHandle;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * The Chat screen's state and commands, without JavaFX scene references. A question streams its answer
 * through {@link Background#onUi}: tokens grow the answer, tool calls and their results appear inline as
 * they happen. Events of an answer the operator has left (another node, another session) are dropped.
 */
final class ChatViewModel {

    static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern MODEL = Pattern.compile(
            "\\b([a-z][a-z0-9._-]*(?:/[a-z0-9._-]+)?:[a-z0-9._-]*[a-z][a-z0-9._-]*)", Pattern.CASE_INSENSITIVE);

    private final ConsoleNodes nodes;
    private final Background bg;

    private final ObjectProperty<@Nullable NodeHandle> node = new SimpleObjectProperty<>();
    private final ObservableList<ChatItem> items = FXCollections.observableArrayList();
    private final ObservableList<ChatSession> sessions = FXCollections.observableArrayList();
    private final StringProperty input = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper sessionId = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper streaming = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper llmProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper hint = new ReadOnlyStringWrapper("");
    private final BooleanBinding canType;
    private final BooleanBinding canSend;

    private long generation;
    private @Nullable ChatItem answer;
    private boolean streamedAny;

    ChatViewModel(ConsoleNodes nodes, Background bg) {
        this.nodes = nodes;
        this.bg = bg;
        canType = Bindings.createBooleanBinding(
                () -> node.get() != null && node.get().canWrite() && !streaming.get(), node, streaming);
        canSend = Bindings.createBooleanBinding(
                () -> canType.get() && input.get() != null && !input.get().isBlank(), canType, input);
        hint.bind(Bindings.createStringBinding(
                () -> {
                    NodeHandle n = node.get();
                    if (n == null) return "Choose a node to chat with.";
                    if (!n.canWrite()) return "Chatting needs the API token of " + n.name() + ": add it in Nodes.";
                    return streaming.get()
                            ? n.name() + " is answering…"
                            : "Enter sends, Shift+Enter starts a new line.";
                },
                node,
                streaming));
        node.addListener((o, was, now) -> switchTo(now));
    }

    ObservableList<NodeHandle> nodeChoices() {
        return nodes.nodes();
    }

    ObjectProperty<@Nullable NodeHandle> nodeProperty() {
        return node;
    }

    ObservableList<ChatItem> items() {
        return items;
    }

    ObservableList<ChatSession> sessions() {
        return sessions;
    }

    StringProperty inputProperty() {
        return input;
    }

    /** The session the conversation belongs to ("" for a new one). */
    ReadOnlyStringProperty sessionIdProperty() {
        return sessionId.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty streamingProperty() {
        return streaming.getReadOnlyProperty();
    }

    /** A sentence saying the node has no usable LLM and what to do ("" when it has one). */
    ReadOnlyStringProperty llmProblemProperty() {
        return llmProblem.getReadOnlyProperty();
    }

    /** Failures of listing or loading sessions. */
    ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** What the input expects, or why it is disabled. */
    ReadOnlyStringProperty hintProperty() {
        return hint.getReadOnlyProperty();
    }

    BooleanBinding canTypeBinding() {
        return canType;
    }

    BooleanBinding canSendBinding() {
        return canSend;
    }

    /** Picks the selected node the first time the screen is shown, and refreshes sessions and LLM state. */
    void shown() {
        if (node.get() == null) {
            node.set(nodes.selected().getValue());
        } else {
            refresh();
        }
    }

    /** Lists the node's sessions and checks whether its LLM is up. */
    void refresh() {
        NodeHandle n = node.get();
        if (n == null) {
            return;
        }
        long mine = generation;
        bg.run(
                n.client()::chatSessions,
                list -> {
                    if (mine == generation) sessions.setAll(list);
                },
                e -> {
                    if (mine == generation)
                        status.set("Could not list the sessions of " + n.name() + ": " + e.getMessage());
                });
        bg.run(
                n.client()::health,
                h -> {
                    if (mine == generation) llmProblem.set(llmProblem(n.name(), h));
                },
                e -> {
                    if (mine == generation) status.set(n.name() + " did not answer: " + e.getMessage());
                });
    }

    /** Sends the input as a question in the current session (a new one when none). */
    void send() {
        NodeHandle n = node.get();
        if (!canSend.get() || n == null) {
            return;
        }
        String question = input.get().strip();
        long mine = begin(question);
        ChatRequest request = new ChatRequest(sessionId.get().isEmpty() ? null : sessionId.get(), question);
        bg.execute(() -> {
            try {
                n.client().chat(request, ANSWER_TIMEOUT, event -> bg.onUi(() -> apply(mine, n, event)));
            } catch (RuntimeException e) {
                bg.onUi(() -> failed(mine, n, e));
            }
        });
    }

    /** Shows the question and an empty, running answer; returns the id its events must carry. */
    long begin(String question) {
        input.set("");
        items.add(ChatItem.user(question));
        answer = ChatItem.assistant("");
        answer.runningProperty().set(true);
        items.add(answer);
        streamedAny = false;
        streaming.set(true);
        status.set("");
        return ++generation;
    }

    /** Starts a new conversation on the same node. */
    void newSession() {
        generation++;
        streaming.set(false);
        answer = null;
        items.clear();
        sessionId.set("");
        status.set("");
    }

    /** Shows a session's transcript; the next question continues it. */
    void resume(ChatSession session) {
        NodeHandle n = node.get();
        if (n == null) {
            return;
        }
        long mine = ++generation;
        streaming.set(false);
        answer = null;
        bg.run(
                () -> n.client().chatTranscript(session.id()),
                t -> {
                    if (mine == generation) show(t);
                },
                e -> {
                    if (mine == generation) status.set("Could not open “" + session.title() + "”: " + e.getMessage());
                });
    }

    /** The id of the answer now streaming (or of the last one): events carry it back to {@link #apply}. */
    long answerId() {
        return generation;
    }

    /** Applies one streamed event of the answer {@code mine}. */
    void apply(long mine, NodeHandle n, ChatEvent event) {
        if (mine != generation) {
            return;
        }
        switch (event.kind()) {
            case "session" -> sessionId.set(event.sessionId());
            case "token" -> {
                if (answer == null) {
                    answer = ChatItem.assistant("");
                    answer.runningProperty().set(true);
                    items.add(answer);
                }
                streamedAny = true;
                answer.append(event.text() == null ? "" : event.text());
            }
            case "tool_call" -> {
                dropEmptyAnswer();
                items.add(ChatItem.toolCall(orEmpty(event.tool()), event.arguments()));
            }
            case "tool_result" -> {
                for (int i = items.size() - 1; i >= 0; i--) {
                    ChatItem item = items.get(i);
                    if (item.kind() == ChatItem.Kind.TOOL
                            && item.runningProperty().get()
                            && orEmpty(event.tool()).equals(item.tool())) {
                        item.finish(orEmpty(event.text()), event.error());
                        break;
                    }
                }
            }
            case "queued" -> {
                dropEmptyAnswer();
                items.add(ChatItem.notice("Queued: " + orEmpty(event.text()), false));
                end(n);
            }
            case "done" -> {
                if (answer != null && !streamedAny && event.text() != null) {
                    answer.replaceText(event.text());
                } else if (answer == null && !streamedAny && event.text() != null) {
                    items.add(ChatItem.assistant(event.text()));
                }
                end(n);
            }
            case "error" -> {
                dropEmptyAnswer();
                if ("llm_unavailable".equals(event.code())) {
                    llmProblem.set(llmSentence(n.name(), orEmpty(event.text())));
                }
                items.add(ChatItem.notice(orEmpty(event.text()), true));
                end(n);
            }
            default -> {
                // a newer node may send kinds this console does not know: ignore them
            }
        }
    }

    private void failed(long mine, NodeHandle n, RuntimeException e) {
        if (mine != generation) {
            return;
        }
        dropEmptyAnswer();
        String why = e instanceof NodeApiException api && api.status() == 404
                ? n.name() + " does not run the agent (an edge node, or an older node-agent); choose another node."
                : e instanceof NodeApiException api && (api.status() == 401 || api.status() == 403)
                        ? n.name() + " refused the question: " + e.getMessage() + ". Check its API token in Nodes."
                        : "The question did not reach " + n.name() + ": " + e.getMessage() + ". Send it again.";
        items.add(ChatItem.notice(why, true));
        streaming.set(false);
        answer = null;
    }

    private void end(NodeHandle n) {
        if (answer != null) {
            answer.runningProperty().set(false);
        }
        answer = null;
        streaming.set(false);
        for (ChatItem item : items) {
            if (item.kind() == ChatItem.Kind.TOOL && item.runningProperty().get()) {
                item.finish("(no result)", false);
            }
        }
        long mine = generation;
        bg.run(
                n.client()::chatSessions,
                list -> {
                    if (mine == generation) sessions.setAll(list);
                },
                e -> {
                    if (mine == generation) {
                        status.set("Could not list the sessions of " + n.name() + ": " + e.getMessage());
                    }
                });
    }

    private void dropEmptyAnswer() {
        if (answer != null && answer.text().isEmpty()) {
            items.remove(answer);
            answer = null;
        } else if (answer != null) {
            answer.runningProperty().set(false);
            answer = null;
        }
    }

    private void show(ChatTranscript t) {
        sessionId.set(t.session().id());
        status.set("");
        items.setAll(t.messages().stream().map(ChatViewModel::item).toList());
    }

    private static ChatItem item(ChatMessage m) {
        return switch (m.role()) {
            case "user" -> ChatItem.user(m.content());
            case "tool" -> {
                ChatItem tool = ChatItem.toolCall(orEmpty(m.tool()), m.arguments());
                tool.finish(m.content(), false);
                yield tool;
            }
            default -> ChatItem.assistant(m.content());
        };
    }

    private void switchTo(@Nullable NodeHandle n) {
        newSession();
        sessions.clear();
        llmProblem.set("");
        refresh();
    }

    /**
     * The clear "no LLM" sentence for a node's health, or "" when its LLM is usable or the node reports
     * none. The agent reports an unusable LLM as disabled (degraded while questions wait for it).
     */
    static String llmProblem(String nodeName, Health h) {
        ComponentHealth llm = h.components().get("llm");
        if (llm == null || llm.status() == ComponentHealth.Status.UP) {
            return "";
        }
        String detail = orEmpty(llm.detail());
        return llmSentence(nodeName, detail.startsWith("unavailable: ") ? detail.substring(13) : detail);
    }

    static String llmSentence(String nodeName, String detail) {
        Matcher m = MODEL.matcher(detail);
        String model = m.find() ? m.group(1) : "its model (ollama.model)";
        return nodeName + " has no language model available" + (detail.isBlank() ? "" : ": " + detail)
                + ". Start Ollama on " + nodeName + " and pull " + model
                + ", then ask again.";
    }

    private static String orEmpty(@Nullable String s) {
        return s == null ? "" : s;
    }
}
