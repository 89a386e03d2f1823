package io.smollama.desktop.chat;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the conversation as shown: the operator's question, the agent's answer (its text grows
 * as tokens stream in), a tool call with its result, or a notice (queued, failed). Changed on the UI
 * executor only.
 */
final class ChatItem {

    enum Kind {
        USER,
        ASSISTANT,
        TOOL,
        NOTICE
    }

    private final Kind kind;
    private final @Nullable String tool;
    private final @Nullable String arguments;
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final SimpleBooleanProperty running = new SimpleBooleanProperty(false);
    private final SimpleBooleanProperty failed = new SimpleBooleanProperty(false);
    private final SimpleBooleanProperty expanded = new SimpleBooleanProperty(false);

    private ChatItem(Kind kind, String text, @Nullable String tool, @Nullable String arguments) {
        this.kind = kind;
        this.tool = tool;
        this.arguments = arguments;
        this.text.set(text);
    }

    static ChatItem user(String text) {
        return new ChatItem(Kind.USER, text, null, null);
    }

    static ChatItem assistant(String text) {
        return new ChatItem(Kind.ASSISTANT, text, null, null);
    }

    static ChatItem toolCall(String tool, @Nullable String arguments) {
        ChatItem item = new ChatItem(Kind.TOOL, "", tool, arguments);
        item.running.set(true);
        return item;
    }

    static ChatItem notice(String text, boolean failed) {
        ChatItem item = new ChatItem(Kind.NOTICE, text, null, null);
        item.failed.set(failed);
        return item;
    }

    Kind kind() {
        return kind;
    }

    @Nullable
    String tool() {
        return tool;
    }

    @Nullable
    String arguments() {
        return arguments;
    }

    ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    String text() {
        return text.get();
    }

    void append(String piece) {
        text.set(text.get() + piece);
    }

    void replaceText(String whole) {
        text.set(whole);
    }

    /** A tool's result (or error), once it returned. */
    ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    void finish(String value, boolean error) {
        result.set(value);
        failed.set(error);
        running.set(false);
    }

    /** True while a tool call has not returned, or an answer is still streaming. */
    BooleanProperty runningProperty() {
        return running;
    }

    BooleanProperty failedProperty() {
        return failed;
    }

    /** Whether a tool call shows its arguments and result (collapsed by default). */
    BooleanProperty expandedProperty() {
        return expanded;
    }
}
