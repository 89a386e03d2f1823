package io.smollama.desktop;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Command-line options of the console: {@code --node URL}, {@code --token T} (or {@code --token-file
 * F}, or {@code SMOLLAMA_TOKEN}), {@code --dark}, {@code --kiosk}, {@code --kiosk-seconds N},
 * {@code --config-dir DIR}, {@code --screenshots DIR}, {@code --no-discovery} (no mDNS browsing). {@code nodeGiven} says whether {@code --node}
 * was on the command line (otherwise the local node is only added when no node is remembered).
 */
record ConsoleOptions(
        URI node,
        boolean nodeGiven,
        @Nullable String token,
        boolean dark,
        boolean kiosk,
        int kioskSeconds,
        @Nullable Path configDir,
        @Nullable Path screenshots,
        boolean discovery) {

    static final String USAGE =
            "expected --node URL, --token T, --token-file F, --dark, --kiosk, --kiosk-seconds N, --config-dir DIR,"
                    + " --screenshots DIR or --no-discovery";

    static ConsoleOptions parse(List<String> args) {
        URI node = URI.create("http://127.0.0.1:8080");
        boolean nodeGiven = false;
        String token = System.getenv("SMOLLAMA_TOKEN");
        boolean dark = false;
        boolean kiosk = false;
        int kioskSeconds = 15;
        Path configDir = null;
        Path screenshots = null;
        boolean discovery = true;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--node" -> {
                    node = URI.create(value(args, ++i, a));
                    nodeGiven = true;
                }
                case "--token" -> token = value(args, ++i, a);
                case "--token-file" -> token = readToken(Path.of(value(args, ++i, a)));
                case "--dark" -> dark = true;
                case "--kiosk" -> kiosk = true;
                case "--kiosk-seconds" -> {
                    String v = value(args, ++i, a);
                    try {
                        kioskSeconds = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        kioskSeconds = -1;
                    }
                    if (kioskSeconds < 3 || kioskSeconds > 3600) {
                        throw new IllegalArgumentException("--kiosk-seconds needs a number from 3 to 3600, got " + v);
                    }
                }
                case "--config-dir" -> configDir = Path.of(value(args, ++i, a));
                case "--screenshots" -> screenshots = Path.of(value(args, ++i, a));
                case "--no-discovery" -> discovery = false;
                default -> throw new IllegalArgumentException("unknown option '" + a + "': " + USAGE);
            }
        }
        if (node.getScheme() == null
                || !(node.getScheme().equals("http") || node.getScheme().equals("https"))) {
            throw new IllegalArgumentException("--node must be an http(s) URL like http://127.0.0.1:8080, got " + node);
        }
        return new ConsoleOptions(node, nodeGiven, token, dark, kiosk, kioskSeconds, configDir, screenshots, discovery);
    }

    private static String readToken(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("--token-file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }
}
