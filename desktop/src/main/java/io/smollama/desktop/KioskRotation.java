package io.smollama.desktop;

/**
 * The kiosk's rotating overview: it steps through the overview screens, and after each full round
 * moves on to the next node, so a wall display shows every node's charts, readings and health in
 * turn. Pure state; the shell drives it from a timer and pauses it while someone touches the screen.
 */
final class KioskRotation {

    /** Where the rotation is: which overview screen and which node (indexes). */
    record Step(int screen, int node) {}

    private final int screens;
    private int screen;
    private int node;

    KioskRotation(int screens) {
        if (screens < 1) {
            throw new IllegalArgumentException("a rotation needs at least one screen");
        }
        this.screens = screens;
    }

    /** The next step for a cluster of {@code nodes} nodes (which may have changed since the last step). */
    Step next(int nodes) {
        screen = (screen + 1) % screens;
        if (screen == 0) {
            node = nodes == 0 ? 0 : (node + 1) % nodes;
        }
        if (nodes > 0 && node >= nodes) {
            node = 0;
        }
        return new Step(screen, node);
    }
}
