package io.smollama.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoggingTest {

    @AfterEach
    void restore() {
        Logging.configure("info", "text");
    }

    @Test
    void librariesStartUpChatterIsHiddenAtInfoButOurOwnInfoIsShown() {
        Logging.configure("info", "text");

        assertThat(Logger.getLogger("ai.djl.util.Platform").isLoggable(Level.INFO))
                .isFalse();
        assertThat(Logger.getLogger("io.helidon.webserver.LoomServer").isLoggable(Level.INFO))
                .isFalse();
        assertThat(Logger.getLogger("ai.djl.util.Platform").isLoggable(Level.WARNING))
                .isTrue();
        assertThat(Logger.getLogger("io.smollama.node.NodeAgent").isLoggable(Level.INFO))
                .isTrue();
    }

    @Test
    void librariesStartUpChatterIsShownWhenDebugging() {
        Logging.configure("debug", "text");

        assertThat(Logger.getLogger("ai.djl.util.Platform").isLoggable(Level.INFO))
                .isTrue();
    }
}
