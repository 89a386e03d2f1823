package io.smollama.desktop.dashboard;

import java.time.Duration;

/** The dashboard's time ranges; every one follows "now" until paused, zoomed or panned. */
public enum TimeRange {
    LIVE_5M("Live 5 min", Duration.ofMinutes(5)),
    H1("1 h", Duration.ofHours(1)),
    H24("24 h", Duration.ofHours(24)),
    D7("7 d", Duration.ofDays(7)),
    D30("30 d", Duration.ofDays(30)),
    D90("90 d", Duration.ofDays(90));

    private final String label;
    private final Duration span;

    TimeRange(String label, Duration span) {
        this.label = label;
        this.span = span;
    }

    public String label() {
        return label;
    }

    public Duration span() {
        return span;
    }

    static TimeRange parse(String name) {
        for (TimeRange r : values()) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return LIVE_5M;
    }
}
