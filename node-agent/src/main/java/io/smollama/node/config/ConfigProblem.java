package io.smollama.node.config;

/**
 * One thing wrong with the configuration, said so that a person can find and fix it:
 * {@code smollama.yaml:12 http.port: expected an integer from 0 to 65535, got "abc"}.
 *
 * @param where the file and line ({@code smollama.yaml:12}), the environment variable
 *     ({@code env SMOLLAMA_HTTP_PORT}) or the file path when the file itself could not be read
 * @param key the dotted key the problem is about, or {@code ""} when it is about the whole file
 * @param message what was expected and what was found; never contains a secret's value
 */
public record ConfigProblem(String where, String key, String message) {

    @Override
    public String toString() {
        return key.isEmpty() ? where + ": " + message : where + " " + key + ": " + message;
    }
}
