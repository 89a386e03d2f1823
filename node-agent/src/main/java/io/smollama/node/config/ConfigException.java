package io.smollama.node.config;

import java.util.List;

/**
 * The configuration cannot be used. Holds every problem found, not just the first, so one run of
 * {@code smollama-node config check} shows everything to fix; the message lists them one a line.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(render(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String render(List<ConfigProblem> problems) {
        StringBuilder text = new StringBuilder(
                problems.size() == 1
                        ? "The configuration has a problem:"
                        : "The configuration has " + problems.size() + " problems:");
        problems.forEach(p -> text.append(System.lineSeparator()).append("  ").append(p));
        return text.toString();
    }
}
