package io.smollama.desktop.service;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.smollama.desktop.Screen;
import java.util.concurrent.TimeoutException;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;

/**
 * Puts one screen in the TestFX stage, as the shell would: an AtlantaFX theme, the scene root's
 * {@code kiosk} style class when asked, and {@link Screen#shown()} once it is on screen.
 */
public final class ScreenStage {

    private ScreenStage() {}

    public static Stage show(Screen screen, boolean dark, boolean kiosk, double width, double height)
            throws TimeoutException {
        Stage stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> Application.setUserAgentStylesheet(
                dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet()));
        FxToolkit.setupStage(s -> {
            // the shell holds each screen inside its own root, which carries the kiosk class
            Scene scene = new Scene(new StackPane(screen.view()), width, height);
            if (kiosk) {
                scene.getRoot().getStyleClass().add("kiosk");
            }
            s.setScene(scene);
            s.setTitle(screen.title());
            s.show();
        });
        FxToolkit.setupFixture(screen::shown);
        return stage;
    }

    /** A background whose results arrive on the FX thread, as in the app. */
    public static Background background() {
        return new Background(Platform::runLater);
    }
}
