package io.smollama.desktop;

import javafx.scene.Parent;

/**
 * One screen of the console (dashboard, readings, memory, chat, control, nodes). The shell shows
 * one at a time; {@link #view()} is built once, on the FX thread, and must not touch the network.
 */
public interface Screen {

    /** A short name for the navigation ("Memory"). */
    String title();

    /** The screen's root node. */
    Parent view();

    /** Called on the FX thread when the screen becomes visible. */
    default void shown() {}

    /** Called on the FX thread when another screen replaces it. */
    default void hidden() {}
}
