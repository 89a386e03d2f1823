package io.smollama.desktop.chat;

import io.smollama.common.ChatEvent;
import io.smollama.desktop.service.Background;
import io.smollama.desktop.service.ConsoleNodes;
import io.smollama.desktop.service.NodeHandle;
import javafx.scene.Parent;

/** A Chat view with a conversation played into its view-model, for looking at how it draws. */
public final class ChatPreview {

    private ChatPreview() {}

    public static Parent conversation(ConsoleNodes nodes, Background bg, NodeHandle node) {
        ChatViewModel model = new ChatViewModel(nodes, bg);
        ChatView view = new ChatView(model);
        model.nodeProperty().set(node);
        long id = model.begin("Is the greenhouse too warm?"); // events below, not the node, answer it
        model.apply(id, node, ChatEvent.session("s-1"));
        model.apply(id, node, ChatEvent.toolCall("s-1", "read_sensor", "{\"source\":\"simulated:temperature\"}"));
        model.apply(id, node, ChatEvent.toolResult("s-1", "read_sensor", "simulated:temperature = 27.4 °C", false));
        model.apply(id, node, ChatEvent.toolCall("s-1", "recall", "{\"query\":\"greenhouse temperature\"}"));
        model.items().getLast().expandedProperty().set(true);
        model.apply(
                id, node, ChatEvent.toolResult("s-1", "recall", "memory: keep it below 28 °C for seedlings", false));
        for (String t :
                "It is 27.4 °C, just under the 28 °C you asked me to keep for the seedlings. ".split("(?<= )")) {
            model.apply(id, node, ChatEvent.token("s-1", t));
        }
        model.apply(id, node, ChatEvent.done("s-1", ""));
        model.inputProperty().set("Open the vent if it passes 28 °C");
        return view;
    }
}
