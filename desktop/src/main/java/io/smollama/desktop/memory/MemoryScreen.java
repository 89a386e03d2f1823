package io.smollama.desktop.memory;

import io.smollama.desktop.Screen;
import io.smollama.desktop.service.Background;
import io.smollama.desktop.service.ConsoleNodes;
import java.time.Clock;
import javafx.scene.Parent;
import org.jspecify.annotations.Nullable;

/** Search what the nodes noticed and remember, across one node or the whole cluster; forget memories. */
public final class MemoryScreen implements Screen {

    private final MemoryViewModel model;
    private @Nullable MemoryView view;

    public MemoryScreen(ConsoleNodes nodes, Background bg) {
        this.model = new MemoryViewModel(nodes, bg, Clock.systemDefaultZone());
    }

    @Override
    public String title() {
        return "Memory";
    }

    @Override
    public Parent view() {
        if (view == null) {
            view = new MemoryView(model);
        }
        return view;
    }

    /** The first visit lists the newest entries, so the screen never opens blank. */
    @Override
    public void shown() {
        if (model.statusProperty().get() == MemoryViewModel.Status.IDLE) {
            model.search();
        }
    }
}
