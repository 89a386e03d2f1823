package io.smollama.desktop;

import javafx.application.Application;

/**
 * The console's entry point. A separate class from {@link ConsoleApp} so the app starts from a plain
 * class-path jar ({@code java -jar smollama-console.jar --node URL}).
 */
public final class ConsoleLauncher {

    private ConsoleLauncher() {}

    public static void main(String[] args) {
        Application.launch(ConsoleApp.class, args);
    }
}
