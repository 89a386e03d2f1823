package io.smollama.desktop.control;

import io.smollama.desktop.Screen;
import io.smollama.desktop.service.Background;
import io.smollama.desktop.service.ConsoleNodes;
import java.time.Clock;
import javafx.scene.Parent;
import org.jspecify.annotations.Nullable;

/** The selected node's actuators: typed inputs, a confirmation before each change, results inline. */
public final class ControlScreen implements Screen {

    private final ControlViewModel model;
    private @Nullable ControlView view;

    public ControlScreen(ConsoleNodes nodes, Background bg) {
        this.model = new ControlViewModel(nodes, bg, Clock.systemDefaultZone());
    }

    @Override
    public String title() {
        return "Control";
    }

    @Override
    public Parent view() {
        if (view == null) {
            view = new ControlView(model);
        }
        return view;
    }

    @Override
    public void shown() {
        model.shown();
    }
}
