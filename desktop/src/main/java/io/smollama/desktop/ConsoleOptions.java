package io.smollama.desktop;

import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Command-line options of the console: {@code --node URL}, {@code --token T}, {@code --dark}. */
record ConsoleOptions(URI node, @Nullable String token, boolean dark) {

    static ConsoleOptions parse(List<String> args) {
        URI node = URI.create("http://127.0.0.1:8080");
        String token = System.getenv("SMOLLAMA_TOKEN");
        boolean dark = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--node" -> node = URI.create(value(args, ++i, a));
                case "--token" -> token = value(args, ++i, a);
                case "--dark" -> dark = true;
                default ->
                    throw new IllegalArgumentException(
                            "unknown option '" + a + "': expected --node URL, --token T or --dark");
            }
        }
        if (node.getScheme() == null
                || !(node.getScheme().equals("http") || node.getScheme().equals("https"))) {
            throw new IllegalArgumentException("--node must be an http(s) URL like http://127.0.0.1:8080, got " + node);
        }
        return new ConsoleOptions(node, token, dark);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }
}
