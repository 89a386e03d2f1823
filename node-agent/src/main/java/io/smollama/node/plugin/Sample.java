package io.smollama.node.plugin;

import java.util.Map;

/**
 * The outcome of reading one source once. A sensor that cannot read returns {@link Failure} rather
 * than throwing; {@link Skip} means there is nothing to record this time (e.g. no event).
 */
public sealed interface Sample {

    record Numeric(double value, Map<String, String> metadata) implements Sample {
        public Numeric {
            metadata = Map.copyOf(metadata);
        }
    }

    record Text(String text, Map<String, String> metadata) implements Sample {
        public Text {
            metadata = Map.copyOf(metadata);
        }
    }

    record Failure(String reason) implements Sample {}

    record Skip() implements Sample {}

    static Sample of(double value) {
        return new Numeric(value, Map.of());
    }

    static Sample text(String text) {
        return new Text(text, Map.of());
    }

    static Sample failure(String reason) {
        return new Failure(reason);
    }
}
