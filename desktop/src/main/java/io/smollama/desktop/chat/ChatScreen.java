package io.smollama.desktop.chat;

import io.smollama.desktop.Screen;
import io.smollama.desktop.service.Background;
import io.smollama.desktop.service.ConsoleNodes;
import javafx.scene.Parent;
import org.jspecify.annotations.Nullable;

/** Talk to a node's agent: streamed answers, tool calls as they happen, resumable sessions. */
public final class ChatScreen implements Screen {

    private final ChatViewModel model;
    private @Nullable ChatView view;

    public ChatScreen(ConsoleNodes nodes, Background bg) {
        this.model = new ChatViewModel(nodes, bg);
    }

    @Override
    public String title() {
        return "Chat";
    }

    @Override
    public Parent view() {
        if (view == null) {
            view = new ChatView(model);
        }
        return view;
    }

    @Override
    public void shown() {
        model.shown();
    }
}
