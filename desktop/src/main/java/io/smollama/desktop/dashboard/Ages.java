package io.smollama.desktop.dashboard;

import java.time.Duration;

/** Short ages for people: "3 s ago", "4 min ago", "2 h ago", "5 d ago". */
public final class Ages {

    private Ages() {}

    public static String describe(Duration age) {
        long s = Math.max(0, age.toSeconds());
        if (s < 60) {
            return s + " s ago";
        }
        if (s < 3600) {
            return s / 60 + " min ago";
        }
        if (s < 86_400) {
            return s / 3600 + " h ago";
        }
        return s / 86_400 + " d ago";
    }
}
